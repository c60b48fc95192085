package org.atoll.sync.internal;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.atoll.mailbox.JournalPosition;
import org.atoll.sync.BodyPreference;
import org.atoll.sync.CollectionSyncView;
import org.atoll.sync.ConflictPolicy;
import org.atoll.sync.FilterType;
import org.atoll.sync.SyncOptions;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The collection_sync_state rows and their body preferences. */
@Component
public class CollectionStates {

    /** State rows with their body preferences gathered into arrays, one row per collection; a WHERE follows. */
    static final String WITH_PREFERENCES = """
            SELECT s.*, p.types, p.truncations, p.all_or_none, p.previews
            FROM collection_sync_state s
            LEFT JOIN LATERAL (
                SELECT array_agg(b.body_type ORDER BY b.body_type) AS types,
                       array_agg(b.truncation_size ORDER BY b.body_type) AS truncations,
                       array_agg(b.all_or_none ORDER BY b.body_type) AS all_or_none,
                       array_agg(b.preview ORDER BY b.body_type) AS previews
                FROM collection_body_preference b
                WHERE b.account_id = s.account_id AND b.device_pk = s.device_pk
                  AND b.folder_id = s.folder_id) p ON true
            """;

    private final JdbcClient jdbc;

    CollectionStates(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Reads a collection's state with its body preferences in one statement and, with {@code lock}, holds its row
     * until the transaction ends.
     */
    public Optional<CollectionState> find(long accountId, long devicePk, long folderId, boolean lock) {
        return jdbc.sql(WITH_PREFERENCES
                        + "WHERE s.account_id = ? AND s.device_pk = ? AND s.folder_id = ?"
                        + (lock ? " FOR UPDATE OF s" : ""))
                .params(accountId, devicePk, folderId)
                .query((row, n) -> state(row, bodyPreferences(row)))
                .optional();
    }

    /**
     * Reads the states of many devices' collections of one account in one statement, without locking: for each
     * device, the states it has among {@code folderIds} (a collection it never synced has none).
     */
    public Map<Long, Map<Long, CollectionState>> findAll(
            long accountId, Collection<Long> devicePks, Collection<Long> folderIds) {
        Map<Long, Map<Long, CollectionState>> found = new HashMap<>();
        if (devicePks.isEmpty() || folderIds.isEmpty()) {
            return found;
        }
        jdbc.sql(WITH_PREFERENCES + "WHERE s.account_id = ? AND s.device_pk = ANY(?) AND s.folder_id = ANY(?)")
                .params(accountId, devicePks.toArray(Long[]::new), folderIds.toArray(Long[]::new))
                .query(row -> {
                    found.computeIfAbsent(row.getLong("device_pk"), pk -> new HashMap<>())
                            .put(row.getLong("folder_id"), state(row, bodyPreferences(row)));
                });
        return found;
    }

    /** Every collection the device has sync state for, with how many items it holds there. */
    public List<CollectionSyncView> views(long accountId, long devicePk) {
        return jdbc.sql("""
                        SELECT s.folder_id, s.sync_key, s.position_modseq, s.filter_type, s.window_size, s.scan_active,
                               s.synced_at,
                               (SELECT count(*) FROM device_item d WHERE d.account_id = s.account_id
                                   AND d.device_pk = s.device_pk AND d.folder_id = s.folder_id) AS held
                        FROM collection_sync_state s WHERE s.account_id = ? AND s.device_pk = ?
                        ORDER BY s.folder_id
                        """)
                .params(accountId, devicePk)
                .query((row, n) -> new CollectionSyncView(
                        row.getLong("folder_id"),
                        row.getLong("sync_key"),
                        row.getLong("position_modseq"),
                        FilterType.fromCode(row.getInt("filter_type")).orElseThrow(),
                        row.getInt("window_size"),
                        row.getLong("held"),
                        row.getBoolean("scan_active"),
                        row.getTimestamp("synced_at").toInstant()))
                .list();
    }

    /** Starts a collection over under a new key; what the device held is forgotten. */
    public void reset(
            long accountId,
            long devicePk,
            long folderId,
            long key,
            JournalPosition position,
            SyncOptions options,
            Instant now) {
        jdbc.sql("DELETE FROM collection_sync_state WHERE account_id = ? AND device_pk = ? AND folder_id = ?")
                .params(accountId, devicePk, folderId)
                .update();
        jdbc.sql("""
                        INSERT INTO collection_sync_state (account_id, device_pk, folder_id, sync_key,
                            position_modseq, position_ordinal, scan_active, reconcile, filter_type, conflict,
                            deletes_as_moves, window_size, mime_support, synced_at)
                        VALUES (?, ?, ?, ?, ?, ?, true, false, ?, ?, ?, ?, ?, ?)
                        """)
                .params(
                        accountId,
                        devicePk,
                        folderId,
                        key,
                        position.modseq(),
                        position.ordinal(),
                        options.filter().code(),
                        options.conflict().code(),
                        options.deletesAsMoves(),
                        options.windowSize(),
                        options.mimeSupport(),
                        Timestamp.from(now))
                .update();
        saveBodyPreferences(accountId, devicePk, folderId, options.bodyPreferences());
    }

    /** Writes a collection's state after a request. */
    public void save(
            long accountId,
            long devicePk,
            long folderId,
            CollectionState state,
            Instant now,
            boolean bodyPreferencesChanged) {
        CollectionState.Progress progress = state.progress();
        CollectionState.Previous previous = state.previous();
        SyncOptions options = state.options();
        jdbc.sql("""
                        UPDATE collection_sync_state SET sync_key = ?, position_modseq = ?, position_ordinal = ?,
                            scan_active = ?, scan_received_at = ?, scan_message_id = ?, reconcile = ?,
                            previous_key = ?, previous_modseq = ?, previous_ordinal = ?, previous_scan_active = ?,
                            previous_scan_received_at = ?, previous_scan_message_id = ?, previous_reconcile = ?,
                            previous_filter_type = ?, filter_type = ?, conflict = ?, deletes_as_moves = ?,
                            window_size = ?, mime_support = ?, synced_at = ?
                        WHERE account_id = ? AND device_pk = ? AND folder_id = ?
                        """)
                .params(
                        state.key(),
                        progress.position().modseq(),
                        progress.position().ordinal(),
                        progress.scanActive(),
                        progress.cursor() == null
                                ? null
                                : Timestamp.from(progress.cursor().receivedAt()),
                        progress.cursor() == null ? null : progress.cursor().messageId(),
                        progress.reconcile(),
                        previous == null ? null : previous.key(),
                        previous == null ? null : previous.progress().position().modseq(),
                        previous == null ? null : previous.progress().position().ordinal(),
                        previous == null ? null : previous.progress().scanActive(),
                        previous == null || previous.progress().cursor() == null
                                ? null
                                : Timestamp.from(previous.progress().cursor().receivedAt()),
                        previous == null || previous.progress().cursor() == null
                                ? null
                                : previous.progress().cursor().messageId(),
                        previous == null ? null : previous.progress().reconcile(),
                        previous == null ? null : previous.filter().code(),
                        options.filter().code(),
                        options.conflict().code(),
                        options.deletesAsMoves(),
                        options.windowSize(),
                        options.mimeSupport(),
                        Timestamp.from(now),
                        accountId,
                        devicePk,
                        folderId)
                .update();
        if (bodyPreferencesChanged) {
            saveBodyPreferences(accountId, devicePk, folderId, options.bodyPreferences());
        }
    }

    /** Marks which of the device's collections its latest Sync request named, for an empty request to repeat. */
    public void markLastRequest(long accountId, long devicePk, List<Long> folderIds) {
        jdbc.sql("""
                        UPDATE collection_sync_state SET in_last_request = (folder_id = ANY(?))
                        WHERE account_id = ? AND device_pk = ?
                          AND in_last_request IS DISTINCT FROM (folder_id = ANY(?))
                        """)
                .params(folderIds.toArray(Long[]::new), accountId, devicePk, folderIds.toArray(Long[]::new))
                .update();
    }

    /** The collections of the device's latest Sync request, with their current keys. */
    public List<long[]> lastRequest(long accountId, long devicePk) {
        return jdbc.sql("SELECT folder_id, sync_key FROM collection_sync_state"
                        + " WHERE account_id = ? AND device_pk = ? AND in_last_request ORDER BY folder_id")
                .params(accountId, devicePk)
                .query((row, n) -> new long[] {row.getLong(1), row.getLong(2)})
                .list();
    }

    void saveBodyPreferences(long accountId, long devicePk, long folderId, List<BodyPreference> preferences) {
        jdbc.sql("DELETE FROM collection_body_preference WHERE account_id = ? AND device_pk = ? AND folder_id = ?")
                .params(accountId, devicePk, folderId)
                .update();
        for (BodyPreference preference : preferences) {
            jdbc.sql("""
                            INSERT INTO collection_body_preference (account_id, device_pk, folder_id, body_type,
                                truncation_size, all_or_none, preview)
                            VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING
                            """)
                    .params(
                            accountId,
                            devicePk,
                            folderId,
                            preference.type(),
                            preference.truncationSize(),
                            preference.allOrNone(),
                            preference.preview())
                    .update();
        }
    }

    static List<BodyPreference> bodyPreferences(ResultSet row) throws SQLException {
        Array types = row.getArray("types");
        if (types == null) {
            return List.of();
        }
        Short[] type = (Short[]) types.getArray();
        Long[] truncation = (Long[]) row.getArray("truncations").getArray();
        Boolean[] allOrNone = (Boolean[]) row.getArray("all_or_none").getArray();
        Integer[] preview = (Integer[]) row.getArray("previews").getArray();
        List<BodyPreference> preferences = new ArrayList<>();
        for (int i = 0; i < type.length; i++) {
            preferences.add(new BodyPreference(type[i], truncation[i], allOrNone[i], preview[i]));
        }
        return preferences;
    }

    static CollectionState state(ResultSet row, List<BodyPreference> bodies) throws SQLException {
        SyncOptions options = new SyncOptions(
                FilterType.fromCode(row.getInt("filter_type")).orElseThrow(),
                ConflictPolicy.fromCode(row.getInt("conflict")).orElseThrow(),
                row.getBoolean("deletes_as_moves"),
                row.getInt("window_size"),
                row.getInt("mime_support"),
                bodies);
        CollectionState.Progress progress = new CollectionState.Progress(
                new JournalPosition(row.getLong("position_modseq"), row.getInt("position_ordinal")),
                row.getBoolean("scan_active"),
                cursor(row.getTimestamp("scan_received_at"), row.getObject("scan_message_id", Long.class)),
                row.getBoolean("reconcile"));
        Long previousKey = row.getObject("previous_key", Long.class);
        CollectionState.Previous previous = previousKey == null
                ? null
                : new CollectionState.Previous(
                        previousKey,
                        new CollectionState.Progress(
                                new JournalPosition(row.getLong("previous_modseq"), row.getInt("previous_ordinal")),
                                row.getBoolean("previous_scan_active"),
                                cursor(
                                        row.getTimestamp("previous_scan_received_at"),
                                        row.getObject("previous_scan_message_id", Long.class)),
                                row.getBoolean("previous_reconcile")),
                        FilterType.fromCode(row.getInt("previous_filter_type")).orElseThrow());
        return new CollectionState(row.getLong("sync_key"), progress, previous, options);
    }

    private static @Nullable ScanCursor cursor(@Nullable Timestamp receivedAt, @Nullable Long messageId) {
        return receivedAt == null || messageId == null ? null : new ScanCursor(receivedAt.toInstant(), messageId);
    }
}
