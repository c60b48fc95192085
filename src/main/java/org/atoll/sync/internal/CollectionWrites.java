package org.atoll.sync.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.atoll.sync.SyncOptions;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * What a Sync writes of a collection, in one statement: the device's held items as the request changed them, what
 * lets a resent key put them back (MS-ASCMD 3.1.5.9), the collection's new state and which collections the request
 * named.
 *
 * <p>What a resent key needs is kept only for the latest response, and only for what it wrote: the items it gave the
 * device that the device did not hold before, as one array on the collection's state ({@code undo_added}), and an
 * undo row per item it overwrote or removed, with the item as the device held it before. The first write of a
 * request replaces those of the response before (the device's current key confirmed it); later writes of the same
 * request add to them and leave the rows it already has, so an item keeps what the device held before the request.
 * A request that writes nothing keeps those of the response before.
 */
@Component
public class CollectionWrites {

    private static final String PARAMETERS = """
            WITH q AS (SELECT ?::bigint AS a, ?::bigint AS d, ?::bigint AS f, ?::bigint[] AS put_ids,
                              ?::bigint[] AS put_modseqs, ?::timestamptz[] AS put_received, ?::bigint[] AS drop_ids,
                              ?::bigint[] AS touched)
            , h AS (SELECT ARRAY(SELECT t.id FROM unnest(q.touched) AS t(id)
                                 WHERE NOT EXISTS (SELECT 1 FROM device_item i
                                                   WHERE i.account_id = q.a AND i.device_pk = q.d
                                                     AND i.folder_id = q.f AND i.message_id = t.id)) AS added,
                           s.undo_added AS before
                    FROM q JOIN collection_sync_state s
                        ON s.account_id = q.a AND s.device_pk = q.d AND s.folder_id = q.f)
            """;

    /** The first write of a request: the undo rows of the response before go, but for the items it overwrites. */
    private static final String FORGET = """
            , forget AS (DELETE FROM device_item_undo u USING q
                         WHERE u.account_id = q.a AND u.device_pk = q.d AND u.folder_id = q.f
                           AND NOT (u.message_id = ANY(q.touched) AND EXISTS (
                               SELECT 1 FROM device_item i
                               WHERE i.account_id = q.a AND i.device_pk = q.d AND i.folder_id = q.f
                                 AND i.message_id = u.message_id)))
            """;

    private static final String UNDO = """
            , undo AS (INSERT INTO device_item_undo (account_id, device_pk, folder_id, message_id, held_modseq,
                                                     held_received_at)
                       SELECT q.a, q.d, q.f, i.message_id, i.modseq, i.received_at
                       FROM q CROSS JOIN h
                       JOIN device_item i ON i.account_id = q.a AND i.device_pk = q.d AND i.folder_id = q.f
                                         AND i.message_id = ANY(q.touched)
            """;

    private static final String REPLACE = """
                       ON CONFLICT (account_id, device_pk, folder_id, message_id) DO
                       UPDATE SET held_modseq = excluded.held_modseq, held_received_at = excluded.held_received_at)
            """;

    /** A later write of the request: an item an earlier write gave the device was not held before the request. */
    private static final String KEEP = """
                       WHERE i.message_id <> ALL(h.before)
                       ON CONFLICT (account_id, device_pk, folder_id, message_id) DO NOTHING)
            """;

    private static final String ITEMS = """
            , put AS (INSERT INTO device_item (account_id, device_pk, folder_id, message_id, modseq, received_at)
                      SELECT q.a, q.d, q.f, x.id, x.modseq, x.received
                      FROM q CROSS JOIN LATERAL unnest(q.put_ids, q.put_modseqs, q.put_received)
                          AS x(id, modseq, received)
                      ON CONFLICT (account_id, device_pk, folder_id, message_id)
                      DO UPDATE SET modseq = excluded.modseq, received_at = excluded.received_at)
            , gone AS (DELETE FROM device_item i USING q
                       WHERE i.account_id = q.a AND i.device_pk = q.d AND i.folder_id = q.f
                         AND i.message_id = ANY(q.drop_ids))
            """;

    private static final String REPLACE_ADDED = "h.added";

    private static final String KEEP_ADDED = "h.before || h.added";

    /** A write without the state's: only what the request added so far. */
    private static final String ADDED = """
            , added AS (UPDATE collection_sync_state s SET undo_added = %s
                        FROM q, h WHERE s.account_id = q.a AND s.device_pk = q.d AND s.folder_id = q.f)
            """;

    private static final String STATE = """
            , st AS (UPDATE collection_sync_state s SET sync_key = ?, position_modseq = ?, position_ordinal = ?,
                         scan_active = ?, scan_received_at = ?, scan_message_id = ?, reconcile = ?,
                         previous_key = ?, previous_modseq = ?, previous_ordinal = ?, previous_scan_active = ?,
                         previous_scan_received_at = ?, previous_scan_message_id = ?, previous_reconcile = ?,
                         previous_filter_type = ?, filter_type = ?, conflict = ?, deletes_as_moves = ?,
                         window_size = ?, mime_support = ?, synced_at = ?,
                         in_last_request = in_last_request OR ?, undo_added = %s
                     FROM q, h WHERE s.account_id = q.a AND s.device_pk = q.d AND s.folder_id = q.f)
            """;

    private static final String OTHERS = """
            , others AS (UPDATE collection_sync_state o SET in_last_request = false FROM q
                         WHERE o.account_id = q.a AND o.device_pk = q.d AND o.folder_id <> q.f AND o.in_last_request)
            """;

    private final JdbcClient jdbc;
    private final CollectionStates states;

    CollectionWrites(JdbcClient jdbc, CollectionStates states) {
        this.jdbc = jdbc;
        this.states = states;
    }

    /** Writes what the request changed of the held items so far; the request reads on in the table. */
    public void flush(long accountId, long devicePk, long folderId, HeldChanges held) {
        if (!held.isEmpty()) {
            write(accountId, devicePk, folderId, held, null, Instant.EPOCH, false);
        }
    }

    /**
     * Writes the held items, the undo rows and, when given, the collection's new state in one statement.
     *
     * @param state the state the request ends in, null when it stays as it was
     * @param markAlone whether to record that the device's latest request named this collection alone
     * @param bodyPreferencesChanged whether the state's body preferences differ from the stored ones
     */
    public void close(
            long accountId,
            long devicePk,
            long folderId,
            HeldChanges held,
            @Nullable CollectionState state,
            Instant now,
            boolean markAlone,
            boolean bodyPreferencesChanged) {
        if (state == null) {
            flush(accountId, devicePk, folderId, held);
            if (markAlone) {
                states.markLastRequest(accountId, devicePk, List.of(folderId));
            }
            return;
        }
        write(accountId, devicePk, folderId, held, state, now, markAlone);
        if (bodyPreferencesChanged) {
            states.saveBodyPreferences(
                    accountId, devicePk, folderId, state.options().bodyPreferences());
        }
    }

    private void write(
            long accountId,
            long devicePk,
            long folderId,
            HeldChanges held,
            @Nullable CollectionState state,
            Instant now,
            boolean markAlone) {
        List<HeldItem> puts = held.puts();
        Set<Long> drops = held.drops();
        Set<Long> touched = new LinkedHashSet<>();
        puts.forEach(item -> touched.add(item.messageId()));
        touched.addAll(drops);
        StringBuilder sql = new StringBuilder(PARAMETERS);
        if (!held.undoStarted()) {
            sql.append(FORGET);
        }
        if (!touched.isEmpty()) {
            sql.append(UNDO).append(held.undoStarted() ? KEEP : REPLACE).append(ITEMS);
        }
        String added = held.undoStarted() ? KEEP_ADDED : REPLACE_ADDED;
        if (state == null) {
            sql.append(ADDED.formatted(added));
        }
        List<Object> params = new ArrayList<>(List.of(
                accountId,
                devicePk,
                folderId,
                puts.stream().map(HeldItem::messageId).toArray(Long[]::new),
                puts.stream().map(HeldItem::modseq).toArray(Long[]::new),
                puts.stream().map(item -> Timestamp.from(item.receivedAt())).toArray(Timestamp[]::new),
                drops.toArray(Long[]::new),
                touched.toArray(Long[]::new)));
        if (state != null) {
            sql.append(STATE.formatted(added));
            params.addAll(stateParameters(state, now));
            params.add(markAlone);
            if (markAlone) {
                sql.append(OTHERS);
            }
        }
        sql.append("SELECT 1");
        jdbc.sql(sql.toString()).params(params).query(Integer.class).list();
        held.written();
    }

    private static List<Object> stateParameters(CollectionState state, Instant now) {
        CollectionState.Progress progress = state.progress();
        CollectionState.Previous previous = state.previous();
        SyncOptions options = state.options();
        List<Object> params = new ArrayList<>();
        params.add(state.key());
        params.add(progress.position().modseq());
        params.add(progress.position().ordinal());
        params.add(progress.scanActive());
        params.add(
                progress.cursor() == null
                        ? null
                        : Timestamp.from(progress.cursor().receivedAt()));
        params.add(progress.cursor() == null ? null : progress.cursor().messageId());
        params.add(progress.reconcile());
        params.add(previous == null ? null : previous.key());
        params.add(previous == null ? null : previous.progress().position().modseq());
        params.add(previous == null ? null : previous.progress().position().ordinal());
        params.add(previous == null ? null : previous.progress().scanActive());
        params.add(
                previous == null || previous.progress().cursor() == null
                        ? null
                        : Timestamp.from(previous.progress().cursor().receivedAt()));
        params.add(
                previous == null || previous.progress().cursor() == null
                        ? null
                        : previous.progress().cursor().messageId());
        params.add(previous == null ? null : previous.progress().reconcile());
        params.add(previous == null ? null : previous.filter().code());
        params.add(options.filter().code());
        params.add(options.conflict().code());
        params.add(options.deletesAsMoves());
        params.add(options.windowSize());
        params.add(options.mimeSupport());
        params.add(Timestamp.from(now));
        return params;
    }
}
