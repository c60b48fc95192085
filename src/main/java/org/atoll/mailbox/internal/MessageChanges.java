package org.atoll.mailbox.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.atoll.mailbox.ChangeKind;
import org.atoll.mailbox.ChangeOrigin;
import org.atoll.mailbox.Flag;
import org.atoll.mailbox.MessageProperty;
import org.atoll.mailbox.MessageStamp;
import org.atoll.mailbox.MessageUpdate;
import org.atoll.mailbox.SystemFolder;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Changes of read state, flag and categories and moves into Deleted Items of many messages, with their journal
 * rows, in one statement under a change's modseq: what a device's Sync of 10 Changes and 2 Deletes costs. Only the
 * columns that change are written; a message whose values are already those asked for is neither written nor
 * journaled. The raw MIME and the envelope are not read.
 */
@Component
public class MessageChanges {

    /** Separates a message's categories in one text value: categories hold no control characters. */
    static final String CATEGORY_SEPARATOR = "\u001f";

    private static final String SQL = """
            WITH q AS (SELECT ?::bigint AS a, ?::bigint AS modseq, ?::integer AS first_ordinal, ?::bigint AS origin,
                              ?::text AS trash_role, ?::bigint[] AS moving, ?::integer AS read_bit,
                              ?::integer AS flag_bit, ?::integer AS categories_bit),
            u AS (SELECT * FROM unnest(?::bigint[], ?::boolean[], ?::boolean[], ?::smallint[], ?::timestamptz[],
                                       ?::timestamptz[], ?::timestamptz[], ?::text[])
                      AS u(id, read, flag_set, flag_status, flag_start, flag_due, flag_completed, categories)),
            t AS (SELECT fo.id FROM folder fo, q WHERE fo.account_id = q.a AND fo.role = q.trash_role),
            d AS (SELECT m.id,
                         (CASE WHEN u.read IS NOT NULL AND u.read <> m.is_read THEN q.read_bit ELSE 0 END)
                       | (CASE WHEN u.flag_set AND (u.flag_status <> m.flag_status
                                                    OR u.flag_start IS DISTINCT FROM m.flag_start_at
                                                    OR u.flag_due IS DISTINCT FROM m.flag_due_at
                                                    OR u.flag_completed IS DISTINCT FROM m.flag_completed_at)
                               THEN q.flag_bit ELSE 0 END)
                       | (CASE WHEN u.categories IS NOT NULL
                                    AND string_to_array(u.categories, chr(31)) IS DISTINCT FROM m.categories
                               THEN q.categories_bit ELSE 0 END) AS bits
                  FROM q, u JOIN message m ON m.id = u.id
                  WHERE m.account_id = q.a),
            changed AS (UPDATE message m SET
                            is_read = CASE WHEN d.bits & q.read_bit <> 0 THEN u.read ELSE m.is_read END,
                            flag_status = CASE WHEN d.bits & q.flag_bit <> 0 THEN u.flag_status ELSE m.flag_status END,
                            flag_start_at = CASE WHEN d.bits & q.flag_bit <> 0 THEN u.flag_start
                                                 ELSE m.flag_start_at END,
                            flag_due_at = CASE WHEN d.bits & q.flag_bit <> 0 THEN u.flag_due ELSE m.flag_due_at END,
                            flag_completed_at = CASE WHEN d.bits & q.flag_bit <> 0 THEN u.flag_completed
                                                     ELSE m.flag_completed_at END,
                            categories = CASE WHEN d.bits & q.categories_bit <> 0
                                              THEN string_to_array(u.categories, chr(31)) ELSE m.categories END,
                            modseq = q.modseq
                        FROM q, d JOIN u ON u.id = d.id
                        WHERE m.account_id = q.a AND m.id = d.id AND d.bits <> 0
                        RETURNING m.id, m.folder_id, m.received_at, m.size, d.bits),
            src AS (SELECT m.id, m.folder_id FROM message m, q WHERE m.account_id = q.a AND m.id = ANY(q.moving)),
            moved AS (UPDATE message m SET folder_id = t.id, modseq = q.modseq
                      FROM q, t, src
                      WHERE m.account_id = q.a AND m.id = src.id AND src.folder_id <> t.id
                      RETURNING m.id, src.folder_id AS source, t.id AS target, m.received_at, m.size),
            r AS (SELECT c.folder_id, c.id, 2 AS kind, c.bits AS properties, 0 AS part, 0 AS sub FROM changed c
                  UNION ALL SELECT mv.source, mv.id, 3, NULL, 1, 0 FROM moved mv
                  UNION ALL SELECT mv.target, mv.id, 1, NULL, 1, 1 FROM moved mv),
            j AS (INSERT INTO journal (account_id, modseq, origin_device, ordinal, folder_id, message_id, kind,
                                       properties)
                  SELECT q.a, q.modseq, q.origin,
                         q.first_ordinal + row_number() OVER (ORDER BY r.part, r.id, r.sub) - 1,
                         r.folder_id, r.id, r.kind, r.properties
                  FROM q, r
                  RETURNING ordinal, folder_id, message_id, kind, properties)
            SELECT 'j' AS what, j.ordinal, j.folder_id, j.message_id AS id, j.kind, j.properties,
                   NULL::timestamptz AS received_at, NULL::integer AS size FROM j
            UNION ALL SELECT 's', NULL, c.folder_id, c.id, NULL, NULL, c.received_at, c.size FROM changed c
            UNION ALL SELECT 's', NULL, mv.target, mv.id, NULL, NULL, mv.received_at, mv.size FROM moved mv
            UNION ALL SELECT 't', NULL, src.folder_id, src.id, NULL, NULL, NULL, NULL FROM src, t
                      WHERE src.folder_id = t.id
            """;

    private final JdbcClient jdbc;

    MessageChanges(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * What {@link #apply} did: the stamps of the messages it changed or moved, as they now are, and the messages it
     * was asked to move that already were in Deleted Items (the caller removes those for good).
     */
    public record Applied(List<MessageStamp> stamps, List<Long> inDeletedItems) {}

    /**
     * Applies the updates and moves the {@code moving} messages into Deleted Items, under the change's modseq, and
     * writes their journal rows (a change of the properties that changed; a removal from the source and an addition
     * to Deleted Items for a move) as the change's next rows. The account's modseq row must be locked by
     * {@code change}. A message in both is moved, not updated; messages that are not the account's are left alone.
     *
     * @param categories each update's categories, checked, by message; absent: left as they are
     */
    public Applied apply(
            Change change,
            Map<Long, MessageUpdate> updates,
            Map<Long, List<String>> categories,
            Collection<Long> moving) {
        int size = updates.size();
        Long[] ids = new Long[size];
        Boolean[] read = new Boolean[size];
        Boolean[] flagSet = new Boolean[size];
        Short[] flagStatus = new Short[size];
        Timestamp[] flagStart = new Timestamp[size];
        Timestamp[] flagDue = new Timestamp[size];
        Timestamp[] flagCompleted = new Timestamp[size];
        String[] joined = new String[size];
        int i = 0;
        for (Map.Entry<Long, MessageUpdate> entry : updates.entrySet()) {
            MessageUpdate update = entry.getValue();
            Flag flag = update.flag();
            ids[i] = entry.getKey();
            read[i] = update.read();
            flagSet[i] = flag != null;
            flagStatus[i] = flag == null ? 0 : (short) flag.status().code();
            flagStart[i] = flag == null ? null : timestamp(flag.startAt());
            flagDue[i] = flag == null ? null : timestamp(flag.dueAt());
            flagCompleted[i] = flag == null ? null : timestamp(flag.completedAt());
            List<String> checked = categories.get(entry.getKey());
            joined[i] = checked == null ? null : String.join(CATEGORY_SEPARATOR, checked);
            i++;
        }
        List<MessageStamp> stamps = new ArrayList<>();
        List<Long> inDeletedItems = new ArrayList<>();
        List<Object[]> journal = new ArrayList<>();
        jdbc.sql(SQL)
                .params(
                        change.accountId(),
                        change.modseq(),
                        change.nextOrdinal(),
                        ChangeOrigin.device().orElse(null),
                        SystemFolder.DELETED_ITEMS.name(),
                        moving.toArray(Long[]::new),
                        MessageProperty.READ.bit(),
                        MessageProperty.FLAG.bit(),
                        MessageProperty.CATEGORIES.bit(),
                        ids,
                        read,
                        flagSet,
                        flagStatus,
                        flagStart,
                        flagDue,
                        flagCompleted,
                        joined)
                .query(row -> {
                    switch (row.getString("what")) {
                        case "j" ->
                            journal.add(new Object[] {
                                row.getInt("ordinal"),
                                row.getLong("folder_id"),
                                row.getLong("id"),
                                ChangeKind.fromCode(row.getShort("kind")),
                                row.getObject("properties", Integer.class)
                            });
                        case "s" ->
                            stamps.add(new MessageStamp(
                                    row.getLong("id"),
                                    row.getLong("folder_id"),
                                    row.getTimestamp("received_at").toInstant(),
                                    change.modseq(),
                                    row.getInt("size")));
                        default -> inDeletedItems.add(row.getLong("id"));
                    }
                });
        journal.sort((x, y) -> Integer.compare((Integer) x[0], (Integer) y[0]));
        for (Object[] row : journal) {
            change.rowWritten((Long) row[1], (Long) row[2], (ChangeKind) row[3], (Integer) row[4]);
        }
        return new Applied(stamps, inDeletedItems);
    }

    /** A message {@link #remove} removed: where it was, its size and the SHA-256 of its raw MIME. */
    public record Removed(long id, long folderId, long size, byte[] sha256) {}

    /**
     * Removes the account's messages among {@code ids} for good, in one statement; their attachment and search rows
     * follow by their foreign keys. The caller journals the removals, frees the bytes and the raw MIME no other
     * message refers to.
     *
     * @return the messages removed, in the order of their ids
     */
    public List<Removed> remove(long accountId, Collection<Long> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("""
                        WITH r AS (DELETE FROM message WHERE account_id = ? AND id = ANY(?)
                                   RETURNING id, folder_id, size, blob_sha256)
                        SELECT id, folder_id, size, blob_sha256 FROM r ORDER BY id
                        """)
                .params(accountId, ids.toArray(Long[]::new))
                .query((row, n) -> new Removed(row.getLong(1), row.getLong(2), row.getLong(3), row.getBytes(4)))
                .list();
    }

    private static @Nullable Timestamp timestamp(@Nullable Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }
}
