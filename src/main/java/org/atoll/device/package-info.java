/** The device registry: which devices sync which account, seen when, and whether they may. */
@NullMarked
package org.atoll.device;

import org.jspecify.annotations.NullMarked;
