/** The tables behind item sync state: per collection, per held item, the undo of the latest response, conflicts. */
@NullMarked
package org.atoll.sync.internal;

import org.jspecify.annotations.NullMarked;
