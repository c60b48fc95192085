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
 * What a Sync writes of a collection, in one statement: the device's held items as the request changed them, the
 * undo rows that let a resent key put them back (MS-ASCMD 3.1.5.9), the collection's new state and which
 * collections the request named.
 *
 * <p>Undo rows are kept only for what a response overwrites or removes, and only for the latest response: the first
 * write of a request replaces the rows of the response before (the device's current key confirmed it), keeping a
 * row per item the request touches with the item as the device held it before; later writes of the same request
 * leave the rows it already has. A request that writes nothing keeps the rows of the response before.
 */
@Component
public class CollectionWrites {

    private static final String PARAMETERS = """
            WITH q AS (SELECT ?::bigint AS a, ?::bigint AS d, ?::bigint AS f, ?::bigint[] AS put_ids,
                              ?::bigint[] AS put_modseqs, ?::timestamptz[] AS put_received, ?::bigint[] AS drop_ids,
                              ?::bigint[] AS touched)
            """;

    private static final String FORGET = """
            , forget AS (DELETE FROM device_item_undo u USING q
                         WHERE u.account_id = q.a AND u.device_pk = q.d AND u.folder_id = q.f
                           AND u.message_id <> ALL(q.touched))
            """;

    private static final String UNDO = """
            , undo AS (INSERT INTO device_item_undo (account_id, device_pk, folder_id, message_id, held_modseq,
                                                     held_received_at)
                       SELECT q.a, q.d, q.f, t.id, i.modseq, i.received_at
                       FROM q CROSS JOIN LATERAL unnest(q.touched) AS t(id)
                       LEFT JOIN device_item i ON i.account_id = q.a AND i.device_pk = q.d AND i.folder_id = q.f
                                              AND i.message_id = t.id
                       ON CONFLICT (account_id, device_pk, folder_id, message_id) DO
            """;

    private static final String REPLACE = """
                       UPDATE SET held_modseq = excluded.held_modseq, held_received_at = excluded.held_received_at)
            """;

    private static final String KEEP = "NOTHING)\n";

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

    private static final String STATE = """
            , st AS (UPDATE collection_sync_state s SET sync_key = ?, position_modseq = ?, position_ordinal = ?,
                         scan_active = ?, scan_received_at = ?, scan_message_id = ?, reconcile = ?,
                         previous_key = ?, previous_modseq = ?, previous_ordinal = ?, previous_scan_active = ?,
                         previous_scan_received_at = ?, previous_scan_message_id = ?, previous_reconcile = ?,
                         previous_filter_type = ?, filter_type = ?, conflict = ?, deletes_as_moves = ?,
                         window_size = ?, mime_support = ?, synced_at = ?,
                         in_last_request = in_last_request OR ?
                     FROM q WHERE s.account_id = q.a AND s.device_pk = q.d AND s.folder_id = q.f)
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
            sql.append(STATE);
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
