/**
 * The tables behind sync state: FolderSync keys per device; per collection, per held item, the undo of the latest
 * response, ClientIds, conflicts; and the bounded deletes of what is kept only for a while.
 */
@NullMarked
package org.atoll.sync.internal;

import org.jspecify.annotations.NullMarked;
