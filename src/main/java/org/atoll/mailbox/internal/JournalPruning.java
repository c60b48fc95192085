package org.atoll.mailbox.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.atoll.mailbox.ChangeKind;
import org.atoll.mailbox.JournalPosition;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Removes old journal entries and remembers, per folder and for the hierarchy, the last entry removed (the
 * horizon). A reader that starts before a horizon would miss what was removed and must start over; one that starts
 * at or after it reads everything. The entries and the horizon change in one statement, so a reader sees both or
 * neither.
 */
@Component
public class JournalPruning {

    private final JdbcClient jdbc;

    JournalPruning(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Accounts after {@code afterAccount} whose oldest journal entry was written before {@code cutoff}. */
    public List<Long> accountsWithEntriesBefore(Instant cutoff, long afterAccount, int limit) {
        return jdbc.sql("""
                        SELECT m.account_id FROM mailbox m
                        WHERE m.account_id > ? AND (SELECT j.at FROM journal j WHERE j.account_id = m.account_id
                                                    ORDER BY j.modseq, j.ordinal LIMIT 1) < ?
                        ORDER BY m.account_id LIMIT ?
                        """)
                .params(afterAccount, Timestamp.from(cutoff), limit)
                .query(Long.class)
                .list();
    }

    /**
     * The last of the account's oldest entries, at most {@code limit}, that were all written before {@code cutoff}:
     * removal always takes a prefix of the journal, so a later commit never lands below what is gone.
     */
    public Optional<JournalPosition> oldestPrefixBefore(long accountId, Instant cutoff, int limit) {
        List<Aged> rows = jdbc.sql("""
                        SELECT modseq, ordinal, at < ? FROM journal WHERE account_id = ?
                        ORDER BY modseq, ordinal LIMIT ?
                        """)
                .params(Timestamp.from(cutoff), accountId, limit)
                .query((row, n) -> new Aged(new JournalPosition(row.getLong(1), row.getInt(2)), row.getBoolean(3)))
                .list();
        @Nullable JournalPosition last = null;
        for (Aged row : rows) {
            if (!row.old()) {
                break;
            }
            last = row.position();
        }
        return Optional.ofNullable(last);
    }

    private record Aged(JournalPosition position, boolean old) {}

    /**
     * Removes the account's entries up to and including {@code through} and moves the horizons of the folders (and
     * of the hierarchy) they named up to the last entry removed of each.
     *
     * @return how many entries were removed
     */
    public long removeThrough(long accountId, JournalPosition through) {
        return jdbc.sql("""
                        WITH gone AS (
                            DELETE FROM journal WHERE account_id = :account AND (modseq, ordinal) <= (:modseq, :ordinal)
                            RETURNING folder_id, kind, modseq, ordinal),
                        items AS (
                            INSERT INTO journal_horizon (account_id, folder_id, modseq, ordinal)
                            SELECT DISTINCT ON (folder_id) :account, folder_id, modseq, ordinal FROM gone
                            WHERE kind < :firstFolderKind ORDER BY folder_id, modseq DESC, ordinal DESC
                            ON CONFLICT (account_id, folder_id) DO UPDATE
                                SET modseq = excluded.modseq, ordinal = excluded.ordinal
                                WHERE (excluded.modseq, excluded.ordinal)
                                      > (journal_horizon.modseq, journal_horizon.ordinal)),
                        folders AS (
                            INSERT INTO hierarchy_horizon (account_id, modseq, ordinal)
                            SELECT :account, modseq, ordinal FROM gone WHERE kind >= :firstFolderKind
                            ORDER BY modseq DESC, ordinal DESC LIMIT 1
                            ON CONFLICT (account_id) DO UPDATE SET modseq = excluded.modseq, ordinal = excluded.ordinal
                                WHERE (excluded.modseq, excluded.ordinal)
                                      > (hierarchy_horizon.modseq, hierarchy_horizon.ordinal))
                        SELECT count(*) FROM gone
                        """)
                .param("account", accountId)
                .param("modseq", through.modseq())
                .param("ordinal", through.ordinal())
                .param("firstFolderKind", ChangeKind.FOLDER_CREATED.code())
                .query(Long.class)
                .single();
    }

    /** Forgets the horizons of up to {@code limit} folders that no longer exist; no reader can ask for them. */
    public long forgetDeletedFolders(int limit) {
        return jdbc.sql("""
                        DELETE FROM journal_horizon h USING (
                            SELECT h.account_id, h.folder_id FROM journal_horizon h
                            WHERE NOT EXISTS (SELECT 1 FROM folder f WHERE f.account_id = h.account_id
                                                                      AND f.id = h.folder_id)
                            LIMIT ?) d
                        WHERE h.account_id = d.account_id AND h.folder_id = d.folder_id
                        """).param(limit).update();
    }

    /** The last entry removed from the folder's message entries, or the journal's start when none was. */
    public JournalPosition horizon(long accountId, long folderId) {
        return jdbc.sql("SELECT modseq, ordinal FROM journal_horizon WHERE account_id = ? AND folder_id = ?")
                .params(accountId, folderId)
                .query((row, n) -> new JournalPosition(row.getLong(1), row.getInt(2)))
                .optional()
                .orElse(JournalPosition.START);
    }

    /** The last folder entry removed from the account's journal, or the journal's start when none was. */
    public JournalPosition hierarchyHorizon(long accountId) {
        return jdbc.sql("SELECT modseq, ordinal FROM hierarchy_horizon WHERE account_id = ?")
                .param(accountId)
                .query((row, n) -> new JournalPosition(row.getLong(1), row.getInt(2)))
                .optional()
                .orElse(JournalPosition.START);
    }
}
