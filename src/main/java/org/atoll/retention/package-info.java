/**
 * Bounded growth: the background job that removes, after their configured retention, old journal entries, undo
 * rows of previous SyncKeys, conflict records, ClientIds, audit entries, the sync state of deleted folders and
 * (when configured) devices not seen for long, one node at a time.
 */
@NullMarked
package org.atoll.retention;

import org.jspecify.annotations.NullMarked;
