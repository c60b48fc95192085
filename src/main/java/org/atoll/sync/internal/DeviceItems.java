package org.atoll.sync.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The device_item rows: what each device holds of each collection. A Sync writes them with its state
 * ({@link CollectionWrites}), keeping the rows' earlier values in device_item_undo, so a resent key can put them back
 * ({@link #undo}); the writes here keep none.
 */
@Component
public class DeviceItems {

    private static final RowMapper<HeldItem> HELD = (row, n) -> new HeldItem(
            row.getLong("message_id"),
            row.getLong("modseq"),
            row.getTimestamp("received_at").toInstant());

    private final JdbcClient jdbc;

    DeviceItems(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Which of the messages the device holds in the collection. */
    public Map<Long, HeldItem> held(long accountId, long devicePk, long folderId, Collection<Long> messageIds) {
        Map<Long, HeldItem> held = new HashMap<>();
        if (messageIds.isEmpty()) {
            return held;
        }
        jdbc.sql("""
                        SELECT message_id, modseq, received_at FROM device_item
                        WHERE account_id = ? AND device_pk = ? AND folder_id = ? AND message_id = ANY(?)
                        """)
                .params(accountId, devicePk, folderId, messageIds.toArray(Long[]::new))
                .query(HELD)
                .list()
                .forEach(item -> held.put(item.messageId(), item));
        return held;
    }

    /** Which of the messages each of the devices holds in the collection: device → message → item. */
    public Map<Long, Map<Long, HeldItem>> heldByDevices(
            long accountId, Collection<Long> devicePks, long folderId, Collection<Long> messageIds) {
        Map<Long, Map<Long, HeldItem>> held = new HashMap<>();
        if (devicePks.isEmpty() || messageIds.isEmpty()) {
            return held;
        }
        jdbc.sql("""
                        SELECT device_pk, message_id, modseq, received_at FROM device_item
                        WHERE account_id = ? AND folder_id = ? AND device_pk = ANY(?) AND message_id = ANY(?)
                        """)
                .params(accountId, folderId, devicePks.toArray(Long[]::new), messageIds.toArray(Long[]::new))
                .query(row -> {
                    HeldItem item = HELD.mapRow(row, 0);
                    held.computeIfAbsent(row.getLong("device_pk"), pk -> new HashMap<>())
                            .put(item.messageId(), item);
                });
        return held;
    }

    /** Which of the devices hold an item of the collection received before that device's own cutoff. */
    public Set<Long> holdingOlderThan(long accountId, long folderId, Map<Long, Instant> cutoffs) {
        Set<Long> holding = new HashSet<>();
        if (cutoffs.isEmpty()) {
            return holding;
        }
        List<Long> devicePks = List.copyOf(cutoffs.keySet());
        jdbc.sql("""
                        SELECT d.pk FROM unnest(?::bigint[], ?::bigint[]) AS d(pk, cutoff_micros)
                        WHERE EXISTS (SELECT 1 FROM device_item i WHERE i.account_id = ? AND i.device_pk = d.pk
                                      AND i.folder_id = ?
                                      AND i.received_at < timestamptz 'epoch' + d.cutoff_micros * interval '1 us')
                        """)
                .params(
                        devicePks.toArray(Long[]::new),
                        devicePks.stream().map(pk -> micros(cutoffs.get(pk))).toArray(Long[]::new),
                        accountId,
                        folderId)
                .query(row -> {
                    holding.add(row.getLong(1));
                });
        return holding;
    }

    private static long micros(Instant instant) {
        return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1_000);
    }

    /** Held items received before {@code cutoff}, oldest first. */
    public List<HeldItem> olderThan(long accountId, long devicePk, long folderId, Instant cutoff, int limit) {
        return jdbc.sql("""
                        SELECT message_id, modseq, received_at FROM device_item
                        WHERE account_id = ? AND device_pk = ? AND folder_id = ? AND received_at < ?
                        ORDER BY received_at LIMIT ?
                        """)
                .params(accountId, devicePk, folderId, Timestamp.from(cutoff), limit)
                .query(HELD)
                .list();
    }

    /** Held items in message order after {@code afterMessageId}. */
    public List<HeldItem> page(long accountId, long devicePk, long folderId, long afterMessageId, int limit) {
        return jdbc.sql("""
                        SELECT message_id, modseq, received_at FROM device_item
                        WHERE account_id = ? AND device_pk = ? AND folder_id = ? AND message_id > ?
                        ORDER BY message_id LIMIT ?
                        """)
                .params(accountId, devicePk, folderId, afterMessageId, limit)
                .query(HELD)
                .list();
    }

    public long count(long accountId, long devicePk, long folderId) {
        return jdbc.sql("SELECT count(*) FROM device_item WHERE account_id = ? AND device_pk = ? AND folder_id = ?")
                .params(accountId, devicePk, folderId)
                .query(Long.class)
                .single();
    }

    /** Records that the device now holds these messages in these states. */
    public void put(long accountId, long devicePk, long folderId, List<HeldItem> items) {
        if (items.isEmpty()) {
            return;
        }
        Long[] ids = items.stream().map(HeldItem::messageId).toArray(Long[]::new);
        Long[] modseqs = items.stream().map(HeldItem::modseq).toArray(Long[]::new);
        Timestamp[] received =
                items.stream().map(item -> Timestamp.from(item.receivedAt())).toArray(Timestamp[]::new);
        jdbc.sql("""
                        INSERT INTO device_item (account_id, device_pk, folder_id, message_id, modseq, received_at)
                        SELECT ?, ?, ?, * FROM unnest(?::bigint[], ?::bigint[], ?::timestamptz[])
                        ON CONFLICT (account_id, device_pk, folder_id, message_id)
                        DO UPDATE SET modseq = excluded.modseq, received_at = excluded.received_at
                        """)
                .params(accountId, devicePk, folderId, ids, modseqs, received)
                .update();
    }

    /** Records that the device no longer holds these messages. */
    public void remove(long accountId, long devicePk, long folderId, Collection<Long> messageIds) {
        if (messageIds.isEmpty()) {
            return;
        }
        Long[] ids = messageIds.toArray(Long[]::new);
        jdbc.sql("""
                        DELETE FROM device_item
                        WHERE account_id = ? AND device_pk = ? AND folder_id = ? AND message_id = ANY(?)
                        """).params(accountId, devicePk, folderId, ids).update();
    }

    /** Forgets everything the device holds of the collection, for good. */
    public void clear(long accountId, long devicePk, long folderId) {
        jdbc.sql("DELETE FROM device_item WHERE account_id = ? AND device_pk = ? AND folder_id = ?")
                .params(accountId, devicePk, folderId)
                .update();
        forgetUndo(accountId, devicePk, folderId);
    }

    /** Puts back every row as it was before the latest response's changes. */
    public void undo(long accountId, long devicePk, long folderId) {
        jdbc.sql("""
                        DELETE FROM device_item d USING collection_sync_state s
                        WHERE s.account_id = ? AND s.device_pk = ? AND s.folder_id = ?
                          AND d.account_id = s.account_id AND d.device_pk = s.device_pk
                          AND d.folder_id = s.folder_id
                          AND (d.message_id = ANY(s.undo_added) OR EXISTS (
                              SELECT 1 FROM device_item_undo u
                              WHERE u.account_id = d.account_id AND u.device_pk = d.device_pk
                                AND u.folder_id = d.folder_id AND u.message_id = d.message_id))
                        """).params(accountId, devicePk, folderId).update();
        jdbc.sql("""
                        INSERT INTO device_item (account_id, device_pk, folder_id, message_id, modseq, received_at)
                        SELECT account_id, device_pk, folder_id, message_id, held_modseq, held_received_at
                        FROM device_item_undo
                        WHERE account_id = ? AND device_pk = ? AND folder_id = ? AND held_modseq IS NOT NULL
                        """).params(accountId, devicePk, folderId).update();
        forgetUndo(accountId, devicePk, folderId);
    }

    /** What a resent key of the collection would undo is of no use any more: its undo rows and added items. */
    private void forgetUndo(long accountId, long devicePk, long folderId) {
        jdbc.sql("""
                        WITH rows AS (DELETE FROM device_item_undo
                                      WHERE account_id = ? AND device_pk = ? AND folder_id = ?)
                        UPDATE collection_sync_state SET undo_added = '{}'
                        WHERE account_id = ? AND device_pk = ? AND folder_id = ?
                        """)
                .params(accountId, devicePk, folderId, accountId, devicePk, folderId)
                .update();
    }
}
