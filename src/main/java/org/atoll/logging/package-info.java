/** How log lines are written: every message with its control characters escaped. */
@NullMarked
package org.atoll.logging;

import org.jspecify.annotations.NullMarked;
