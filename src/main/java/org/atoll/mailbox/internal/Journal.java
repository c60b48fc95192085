package org.atoll.mailbox.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.atoll.mailbox.ChangeKind;
import org.atoll.mailbox.ChangeOrigin;
import org.atoll.mailbox.ChangePage;
import org.atoll.mailbox.JournalEntry;
import org.atoll.mailbox.JournalPosition;
import org.atoll.mailbox.MailboxChanged;
import org.atoll.mailbox.MailboxNotFound;
import org.atoll.mailbox.MailboxProperties;
import org.atoll.mailbox.QuotaExceeded;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The per-account modseq counter and the change journal.
 *
 * <p>{@link #begin} increments the account's counter row, which holds that row's lock until the transaction ends:
 * writers of one account queue behind each other, so their commits come in modseq order and a reader that has
 * seen modseq N has seen everything below it. Writers of other accounts are not held up.
 */
@Component
public class Journal {

    private static final RowMapper<JournalEntry> ENTRY = (row, n) -> new JournalEntry(
            new JournalPosition(row.getLong("modseq"), row.getInt("ordinal")),
            row.getLong("folder_id"),
            row.getObject("message_id", Long.class),
            ChangeKind.fromCode(row.getShort("kind")),
            row.getObject("origin_device", Long.class));

    private final JdbcClient jdbc;
    private final ApplicationEventPublisher events;
    private final long defaultQuota;

    Journal(JdbcClient jdbc, ApplicationEventPublisher events, MailboxProperties properties) {
        this.jdbc = jdbc;
        this.events = events;
        this.defaultQuota = properties.defaultQuotaBytes();
    }

    /** Creates the account's counter row, at modseq 0 and size 0. */
    public void open(long accountId) {
        jdbc.sql("INSERT INTO mailbox (account_id) VALUES (?)").param(accountId).update();
    }

    /** Takes the account's next modseq; must be the first statement of every mutating transaction. */
    public Change begin(long accountId) {
        return begin(accountId, 0);
    }

    /**
     * Takes the account's next modseq and adds {@code addedBytes} to the mailbox's size in the same statement; the
     * returned change knows the new size, so a caller can refuse (and roll back) what would exceed a quota.
     */
    public Change begin(long accountId, long addedBytes) {
        return jdbc.sql("UPDATE mailbox SET highest_modseq = highest_modseq + 1, used_bytes = used_bytes + ?"
                        + " WHERE account_id = ? RETURNING highest_modseq, used_bytes")
                .params(addedBytes, accountId)
                .query((row, n) -> new Change(accountId, row.getLong(1), row.getLong(2)))
                .optional()
                .orElseThrow(() -> new MailboxNotFound(accountId));
    }

    /**
     * Takes the account's next modseq for a delivery of {@code addedBytes}, in one statement that also checks the
     * account's quota, or the default quota when the account has none of its own: a delivery that would exceed it
     * neither takes a modseq nor changes the size.
     *
     * @throws QuotaExceeded when the bytes do not fit in the account's quota
     * @throws MailboxNotFound when the account has no mailbox
     */
    public Change beginWithinQuota(long accountId, long addedBytes) {
        while (true) {
            Optional<Change> change = jdbc.sql("""
                            UPDATE mailbox m SET highest_modseq = m.highest_modseq + 1, used_bytes = m.used_bytes + ?
                            FROM account a
                            WHERE m.account_id = ? AND a.id = m.account_id
                              AND (m.used_bytes + ? <= coalesce(a.quota_bytes, ?)
                                   OR (a.quota_bytes IS NULL AND ? = 0))
                            RETURNING m.highest_modseq, m.used_bytes
                            """)
                    .params(addedBytes, accountId, addedBytes, defaultQuota, defaultQuota)
                    .query((row, n) -> new Change(accountId, row.getLong(1), row.getLong(2)))
                    .optional();
            if (change.isPresent()) {
                return change.get();
            }
            List<Optional<Long>> quota = jdbc.sql(
                            "SELECT coalesce(a.quota_bytes, nullif(?, 0)) FROM mailbox m JOIN account a"
                                    + " ON a.id = m.account_id WHERE m.account_id = ?")
                    .params(defaultQuota, accountId)
                    .query((row, n) -> Optional.ofNullable(row.getObject(1, Long.class)))
                    .list();
            if (quota.isEmpty()) {
                throw new MailboxNotFound(accountId);
            }
            if (quota.getFirst().isPresent()) {
                throw new QuotaExceeded(quota.getFirst().get());
            }
            // The quota was lifted between the two statements: try again.
        }
    }

    /**
     * Whether {@code addedBytes} more fit in the account's quota, or the default quota when it has none, as
     * {@link #beginWithinQuota} would decide now; false when the account has no mailbox.
     */
    public boolean fits(long accountId, long addedBytes) {
        return jdbc.sql("""
                        SELECT m.used_bytes + ? <= coalesce(a.quota_bytes, ?) OR (a.quota_bytes IS NULL AND ? = 0)
                        FROM mailbox m JOIN account a ON a.id = m.account_id
                        WHERE m.account_id = ?
                        """)
                .params(addedBytes, defaultQuota, defaultQuota, accountId)
                .query(Boolean.class)
                .optional()
                .orElse(false);
    }

    /** Waits for and holds the account's counter row lock until the transaction ends. */
    public void lock(long accountId) {
        jdbc.sql("SELECT 1 FROM mailbox WHERE account_id = ? FOR UPDATE")
                .param(accountId)
                .query(Integer.class)
                .optional()
                .orElseThrow(() -> new MailboxNotFound(accountId));
    }

    /**
     * Writes what the change recorded and announces it. A change that recorded nothing writes nothing and gives its
     * modseq back (the transaction still holds the counter row, so nobody took a later one): the journal's modseqs
     * stay gap-free, and a request that changed nothing (a message marked read that was read) costs no modseq.
     */
    public void commit(Change change) {
        List<Change.Row> rows = change.rows();
        if (rows.isEmpty()) {
            jdbc.sql(
                            "UPDATE mailbox SET highest_modseq = highest_modseq - 1 WHERE account_id = ? AND highest_modseq = ?")
                    .params(change.accountId(), change.modseq())
                    .update();
            return;
        }
        if (change.written() < rows.size()) {
            write(change, rows);
        }
        events.publishEvent(
                new MailboxChanged(change.accountId(), change.modseq(), change.folderIds(), change.hierarchyChanged()));
    }

    /** Inserts the rows that the change's own statements have not written yet, under their ordinals. */
    private void write(Change change, List<Change.Row> rows) {
        int from = change.written();
        int size = rows.size() - from;
        Integer[] ordinals = new Integer[size];
        Long[] folders = new Long[size];
        Long[] messages = new Long[size];
        Short[] kinds = new Short[size];
        Short[] properties = new Short[size];
        for (int i = 0; i < size; i++) {
            Change.Row row = rows.get(from + i);
            ordinals[i] = from + i;
            folders[i] = row.folderId();
            messages[i] = row.messageId();
            kinds[i] = (short) row.kind().code();
            properties[i] = row.properties() == null ? null : row.properties().shortValue();
        }
        jdbc.sql("INSERT INTO journal (account_id, modseq, origin_device, ordinal, folder_id, message_id, kind,"
                        + " properties) SELECT ?, ?, ?, * FROM unnest(?::integer[], ?::bigint[], ?::bigint[],"
                        + " ?::smallint[], ?::smallint[])")
                .params(
                        change.accountId(),
                        change.modseq(),
                        ChangeOrigin.device().orElse(null),
                        ordinals,
                        folders,
                        messages,
                        kinds,
                        properties)
                .update();
    }

    public void addUsedBytes(long accountId, long delta) {
        jdbc.sql("UPDATE mailbox SET used_bytes = greatest(used_bytes + ?, 0) WHERE account_id = ?")
                .params(delta, accountId)
                .update();
    }

    public long highestModseq(long accountId) {
        return jdbc.sql("SELECT highest_modseq FROM mailbox WHERE account_id = ?")
                .param(accountId)
                .query(Long.class)
                .optional()
                .orElseThrow(() -> new MailboxNotFound(accountId));
    }

    /** Message entries of one folder after a position; served by the (account, folder, modseq, ordinal) index. */
    public ChangePage changesIn(long accountId, long folderId, JournalPosition after, int limit) {
        List<JournalEntry> entries = new ArrayList<>(jdbc.sql("""
                        SELECT modseq, ordinal, folder_id, message_id, kind, origin_device FROM journal
                        WHERE account_id = ? AND folder_id = ? AND (modseq, ordinal) > (?, ?) AND kind < ?
                        ORDER BY modseq, ordinal LIMIT ?
                        """)
                .params(
                        accountId,
                        folderId,
                        after.modseq(),
                        after.ordinal(),
                        ChangeKind.FOLDER_CREATED.code(),
                        limit + 1)
                .query(ENTRY)
                .list());
        return page(entries, after, limit);
    }

    /** Folder creations, updates and deletions after a position. */
    public ChangePage hierarchyChanges(long accountId, JournalPosition after, int limit) {
        List<JournalEntry> entries = new ArrayList<>(jdbc.sql("""
                        SELECT modseq, ordinal, folder_id, message_id, kind, origin_device FROM journal
                        WHERE account_id = ? AND (modseq, ordinal) > (?, ?) AND kind >= ?
                        ORDER BY modseq, ordinal LIMIT ?
                        """)
                .params(accountId, after.modseq(), after.ordinal(), ChangeKind.FOLDER_CREATED.code(), limit + 1)
                .query(ENTRY)
                .list());
        return page(entries, after, limit);
    }

    /**
     * The bits of the message properties that changes of others than {@code device} touched in the folder after
     * {@code modseq}, or empty when one of them touched the whole message (an add, a removal, a rewrite).
     */
    public Optional<Integer> propertiesChangedSince(
            long accountId, long folderId, long messageId, long modseq, long device) {
        return jdbc.sql("""
                        SELECT bool_or(properties IS NULL), coalesce(bit_or(properties), 0) FROM journal
                        WHERE account_id = ? AND folder_id = ? AND modseq > ? AND message_id = ?
                          AND origin_device IS DISTINCT FROM ?
                        """)
                .params(accountId, folderId, modseq, messageId, device)
                .query((row, n) -> row.getBoolean(1) ? Optional.<Integer>empty() : Optional.of(row.getInt(2)))
                .single();
    }

    public Set<Long> foldersChangedSince(long accountId, long modseq) {
        return Set.copyOf(jdbc.sql("SELECT DISTINCT folder_id FROM journal WHERE account_id = ? AND modseq > ?")
                .params(accountId, modseq)
                .query(Long.class)
                .list());
    }

    private static ChangePage page(List<JournalEntry> entries, JournalPosition after, int limit) {
        boolean more = entries.size() > limit;
        if (more) {
            entries.removeLast();
        }
        JournalPosition next = entries.isEmpty() ? after : entries.getLast().position();
        return new ChangePage(List.copyOf(entries), next, more);
    }
}
