package org.atoll.retention;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of bounded growth ({@code atoll.retention.*}).
 *
 * @param enabled whether this node runs the job at all; any number of nodes may, only one runs at a time
 * @param interval how often the job runs
 * @param batchSize the most rows one transaction removes
 * @param journal how long change journal entries are kept; a device whose sync state lies before the kept journal
 *     starts that collection (Sync Status 3) or its folder list (FolderSync Status 9) over
 * @param previousSyncKeys how long the previous SyncKey of a collection not synced since stays answerable (the
 *     undo rows that replay a lost response, MS-ASCMD 3.1.5.9)
 * @param conflicts how long conflict records are kept for administrators
 * @param clientIds how long the ClientIds of Sync Adds and of sent messages are remembered against retries
 * @param audit how long audit entries are kept
 * @param deletedFolders how long the sync state of a deleted folder is kept after its device last synced it
 * @param idleDevices devices that sent no request for this long are removed as their owner would remove them (a
 *     block or an owed wipe stays with the DeviceId); 0 keeps them for good
 */
@ConfigurationProperties("atoll.retention")
record RetentionProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("1h") Duration interval,
        @DefaultValue("1000") int batchSize,
        @DefaultValue("30d") Duration journal,
        @DefaultValue("7d") Duration previousSyncKeys,
        @DefaultValue("90d") Duration conflicts,
        @DefaultValue("30d") Duration clientIds,
        @DefaultValue("365d") Duration audit,
        @DefaultValue("30d") Duration deletedFolders,
        @DefaultValue("0s") Duration idleDevices) {

    public RetentionProperties {
        if (interval.isNegative() || interval.isZero() || batchSize < 1) {
            throw new IllegalArgumentException("atoll.retention.interval and batch-size must be positive");
        }
        for (Duration kept : new Duration[] {journal, previousSyncKeys, conflicts, clientIds, audit, deletedFolders}) {
            if (kept.compareTo(Duration.ofMinutes(1)) < 0) {
                throw new IllegalArgumentException("atoll.retention keeps everything for at least a minute");
            }
        }
        if (idleDevices.isNegative()) {
            throw new IllegalArgumentException("atoll.retention.idle-devices is 0 (never) or more");
        }
    }
}
