/** Small pieces every module may use: the clock. */
@NullMarked
package org.atoll.shared;

import org.jspecify.annotations.NullMarked;
