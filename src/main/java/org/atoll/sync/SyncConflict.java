package org.atoll.sync;

import java.time.Instant;

/**
 * A device changed an item the server had changed since the device received it (MS-ASCMD 2.2.3.34 Conflict).
 *
 * @param clientWon whether the device's change was applied (Conflict 0) or refused with Status 7 (Conflict 1)
 */
public record SyncConflict(long devicePk, long folderId, long messageId, boolean clientWon, Instant occurredAt) {}
