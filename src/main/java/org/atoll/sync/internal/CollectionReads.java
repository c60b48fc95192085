package org.atoll.sync.internal;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.atoll.mailbox.ChangeKind;
import org.atoll.mailbox.ChangePage;
import org.atoll.mailbox.JournalEntry;
import org.atoll.mailbox.JournalPosition;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The reads that open a Sync of one collection, each one statement: whether the folder is still the account's, the
 * collection's state with its body preferences, the journal's horizon for the folder, whether the device's last
 * request named the collection, and what the device holds of the items concerned. The journal and the folder are
 * the mailbox module's tables, read here so that a Sync pays one round trip where it would pay five.
 */
@Component
public class CollectionReads {

    /** The parameters every statement here starts with, named once. */
    private static final String PARAMETERS = """
            WITH q AS (SELECT ?::bigint AS a, ?::bigint AS d, ?::bigint AS f, ?::integer AS lim,
                              ?::bigint[] AS targets),
            """;

    /**
     * The common columns: folder, state, last-request marks, horizon and held rows; {@code s} and {@code h} precede
     * them, {@link #FROM} follows.
     */
    private static final String COLUMNS = """
            SELECT EXISTS (SELECT 1 FROM folder fo WHERE fo.account_id = q.a AND fo.id = q.f) AS folder_exists,
                   s.*,
                   EXISTS (SELECT 1 FROM collection_sync_state o WHERE o.account_id = q.a AND o.device_pk = q.d
                           AND o.folder_id <> q.f AND o.in_last_request) AS others_in_last_request,
                   hz.modseq AS horizon_modseq, hz.ordinal AS horizon_ordinal,
                   held.ids AS held_ids, held.modseqs AS held_modseqs, held.received AS held_received
            """;

    /** Where the common columns come from: each table read once, the held rows aggregated in one pass. */
    private static final String FROM = """
            FROM q LEFT JOIN s ON true
            LEFT JOIN journal_horizon hz ON hz.account_id = q.a AND hz.folder_id = q.f
            CROSS JOIN (SELECT array_agg(h.message_id) AS ids, array_agg(h.modseq) AS modseqs,
                               array_agg(h.received_at) AS received FROM h) held
            """;

    private static final String PEEK =
            PARAMETERS + "s AS (" + CollectionStates.WITH_PREFERENCES + """
                    , q WHERE s.account_id = q.a AND s.device_pk = q.d AND s.folder_id = q.f),
            j AS (SELECT j.modseq, j.ordinal, j.message_id, j.kind, j.origin_device FROM s, q, journal j
                  WHERE j.account_id = q.a AND j.folder_id = q.f
                    AND (j.modseq, j.ordinal) > (s.position_modseq, s.position_ordinal) AND j.kind < 4
                  ORDER BY j.modseq, j.ordinal LIMIT (SELECT lim + 1 FROM q)),
            h AS (SELECT i.message_id, i.modseq, i.received_at FROM q, device_item i
                  WHERE i.account_id = q.a AND i.device_pk = q.d AND i.folder_id = q.f
                    AND i.message_id IN (SELECT message_id FROM j))
            """ + COLUMNS + """
                   , page.modseqs AS journal_modseqs, page.ordinals AS journal_ordinals,
                   page.messages AS journal_messages, page.kinds AS journal_kinds, page.origins AS journal_origins
            """ + FROM + """
            CROSS JOIN (SELECT array_agg(j.modseq ORDER BY j.modseq, j.ordinal) AS modseqs,
                               array_agg(j.ordinal ORDER BY j.modseq, j.ordinal) AS ordinals,
                               array_agg(j.message_id ORDER BY j.modseq, j.ordinal) AS messages,
                               array_agg(j.kind ORDER BY j.modseq, j.ordinal) AS kinds,
                               array_agg(j.origin_device ORDER BY j.modseq, j.ordinal) AS origins FROM j) page
            """;

    /**
     * The state locked; {@code fresh} tells whether the statement's snapshot saw the row as it was locked (it did not
     * when the lock had to wait for another request of the device that changed it), and so whether what it read of
     * the held items is current.
     */
    private static final String LOCK =
            PARAMETERS + "s AS (" + CollectionStates.WITH_PREFERENCES + """
                    , q WHERE s.account_id = q.a AND s.device_pk = q.d AND s.folder_id = q.f FOR UPDATE OF s),
            h AS (SELECT i.message_id, i.modseq, i.received_at FROM q, device_item i
                  WHERE i.account_id = q.a AND i.device_pk = q.d AND i.folder_id = q.f
                    AND i.message_id = ANY(q.targets))
            """ + COLUMNS + """
                   , (SELECT (o.sync_key, o.position_modseq, o.position_ordinal, o.synced_at)
                             = (s.sync_key, s.position_modseq, s.position_ordinal, s.synced_at)
                      FROM collection_sync_state o
                      WHERE o.account_id = q.a AND o.device_pk = q.d AND o.folder_id = q.f) AS fresh
            """ + FROM;

    private final JdbcClient jdbc;

    CollectionReads(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * What a collection's Sync starts from, read in one statement.
     *
     * @param state the collection's state, null when the device has none
     * @param inLastRequest whether the device's last Sync request named this collection
     * @param othersInLastRequest whether it named others too
     * @param horizon the last entry of the folder removed from the journal for its age
     * @param held what the device holds among the items read for (those a peek's journal page names, or the
     *     targets of a lock), by id; an item read for and absent is not held; null when the read is not current
     * @param heldFor the items {@code held} was read for
     * @param journal for a peek, the first entries of the folder's journal after the state's position, up to
     *     {@code journalLimit} and one more; empty for a lock
     */
    public record Opening(
            boolean folderExists,
            @Nullable CollectionState state,
            boolean inLastRequest,
            boolean othersInLastRequest,
            JournalPosition horizon,
            @Nullable Map<Long, HeldItem> held,
            Collection<Long> heldFor,
            List<JournalEntry> journal,
            int journalLimit) {

        /** The journal entries read, as the first page of a read of the journal after the state's position. */
        public @Nullable ChangePage firstPage() {
            if (state == null || journalLimit == 0) {
                return null;
            }
            boolean more = journal.size() > journalLimit;
            List<JournalEntry> entries = more ? journal.subList(0, journalLimit) : journal;
            JournalPosition next = entries.isEmpty()
                    ? state.progress().position()
                    : entries.getLast().position();
            return new ChangePage(List.copyOf(entries), next, more);
        }

        /** The same opening without what it read of held items and the journal. */
        public static Opening nothing(Opening opening) {
            return new Opening(
                    opening.folderExists,
                    opening.state,
                    opening.inLastRequest,
                    opening.othersInLastRequest,
                    opening.horizon,
                    null,
                    List.of(),
                    List.of(),
                    0);
        }
    }

    /**
     * Reads without locking: the state, and the first {@code limit} entries of the folder's journal after its
     * position (one more tells whether there are more) with what the device holds of the items they name. The
     * journal and its horizon come from one snapshot, so a removal for age that the entries miss is seen.
     */
    public Opening peek(long accountId, long devicePk, long folderId, int limit) {
        return jdbc.sql(PEEK)
                .params(accountId, devicePk, folderId, limit, new Long[0])
                .query((row, n) -> {
                    List<JournalEntry> journal = journal(row, folderId);
                    Set<Long> named = new HashSet<>();
                    journal.forEach(entry -> named.add(entry.messageId()));
                    return opening(row, true, named, journal, limit);
                })
                .single();
    }

    /**
     * Reads and locks the state until the transaction ends, with what the device holds among {@code targets}: the
     * items its own changes in the request name.
     */
    public Opening lock(long accountId, long devicePk, long folderId, Collection<Long> targets) {
        return jdbc.sql(LOCK)
                .params(accountId, devicePk, folderId, 0, targets.toArray(Long[]::new))
                .query((row, n) -> opening(row, row.getBoolean("fresh"), List.copyOf(targets), List.of(), 0))
                .single();
    }

    private static Opening opening(
            ResultSet row, boolean fresh, Collection<Long> heldFor, List<JournalEntry> journal, int journalLimit)
            throws SQLException {
        boolean hasState = row.getObject("sync_key") != null;
        CollectionState state = hasState ? CollectionStates.state(row, CollectionStates.bodyPreferences(row)) : null;
        Long horizonModseq = row.getObject("horizon_modseq", Long.class);
        JournalPosition horizon = horizonModseq == null
                ? JournalPosition.START
                : new JournalPosition(horizonModseq, row.getInt("horizon_ordinal"));
        return new Opening(
                row.getBoolean("folder_exists"),
                state,
                hasState && row.getBoolean("in_last_request"),
                row.getBoolean("others_in_last_request"),
                horizon,
                fresh || !hasState ? held(row) : null,
                heldFor,
                journal,
                journalLimit);
    }

    private static Map<Long, HeldItem> held(ResultSet row) throws SQLException {
        Map<Long, HeldItem> held = new HashMap<>();
        Long[] ids = longs(row.getArray("held_ids"));
        if (ids.length == 0) {
            return held;
        }
        Long[] modseqs = longs(row.getArray("held_modseqs"));
        Timestamp[] received = (Timestamp[]) row.getArray("held_received").getArray();
        for (int i = 0; i < ids.length; i++) {
            held.put(ids[i], new HeldItem(ids[i], modseqs[i], received[i].toInstant()));
        }
        return held;
    }

    private static List<JournalEntry> journal(ResultSet row, long folderId) throws SQLException {
        Long[] modseqs = longs(row.getArray("journal_modseqs"));
        List<JournalEntry> entries = new ArrayList<>(modseqs.length);
        if (modseqs.length == 0) {
            return entries;
        }
        Integer[] ordinals = (Integer[]) row.getArray("journal_ordinals").getArray();
        Long[] messages = longs(row.getArray("journal_messages"));
        Short[] kinds = (Short[]) row.getArray("journal_kinds").getArray();
        Long[] origins = longs(row.getArray("journal_origins"));
        for (int i = 0; i < modseqs.length; i++) {
            entries.add(new JournalEntry(
                    new JournalPosition(modseqs[i], ordinals[i]),
                    folderId,
                    messages[i],
                    ChangeKind.fromCode(kinds[i]),
                    origins[i]));
        }
        return entries;
    }

    private static Long[] longs(@Nullable Array array) throws SQLException {
        return array == null ? new Long[0] : (Long[]) array.getArray();
    }
}
