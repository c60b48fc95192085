/** Small pieces every module may use: the clock and who acted. */
@NullMarked
package org.atoll.shared;

import org.jspecify.annotations.NullMarked;
