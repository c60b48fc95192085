package org.atoll.sync;

import java.time.Instant;

/**
 * One device's sync state of one collection, for administrators.
 *
 * @param syncKey the key the device is to send next
 * @param journalModseq the account modseq up to which the device has been offered every change
 * @param heldItems how many messages the device holds in the collection
 * @param initialSyncRunning whether messages that predate the collection's first key are still being offered
 */
public record CollectionSyncView(
        long folderId,
        long syncKey,
        long journalModseq,
        FilterType filter,
        int windowSize,
        long heldItems,
        boolean initialSyncRunning,
        Instant syncedAt) {}
