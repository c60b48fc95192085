/** The SQL of the retention job itself: its advisory lock, and the lock wait of its batches. */
@NullMarked
package org.atoll.retention.internal;

import org.jspecify.annotations.NullMarked;
