package org.atoll.mailbox.internal;

import java.sql.Array;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.atoll.mailbox.NoteContent;
import org.atoll.mailbox.NoteView;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The {@code note} table; callers hold the account's modseq (the writer lock) before they write. */
@Component
public class NoteStore {

    private static final String COLUMNS =
            "id, folder_id, subject, body, message_class, categories, last_modified, modseq";

    private static final RowMapper<NoteView> NOTE = (row, n) -> new NoteView(
            row.getLong("id"),
            row.getLong("folder_id"),
            row.getString("subject"),
            row.getString("body"),
            row.getString("message_class"),
            strings(row.getArray("categories")),
            row.getTimestamp("last_modified").toInstant(),
            row.getLong("modseq"));

    /** A page of the account's notes and their count, by folder and words in the columns a search looks in. */
    private static final ItemSearch<NoteView> SEARCH = new ItemSearch<>(
            "note",
            COLUMNS,
            NOTE,
            "last_modified DESC, id DESC",
            "subject",
            "body",
            "array_to_string(categories, ' ')");

    private final JdbcClient jdbc;

    NoteStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public NoteView insert(long accountId, long folderId, NoteContent content, Instant at, long modseq) {
        return jdbc.sql("INSERT INTO note (account_id, folder_id, subject, body, message_class, categories,"
                        + " last_modified, modseq) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING " + COLUMNS)
                .params(
                        accountId,
                        folderId,
                        content.subject(),
                        content.body(),
                        content.messageClass(),
                        content.categories().toArray(String[]::new),
                        Timestamp.from(at),
                        modseq)
                .query(NOTE)
                .single();
    }

    public Optional<NoteView> update(long accountId, long noteId, NoteContent content, Instant at, long modseq) {
        return jdbc.sql("UPDATE note SET subject = ?, body = ?, message_class = ?, categories = ?, last_modified = ?,"
                        + " modseq = ? WHERE account_id = ? AND id = ? RETURNING " + COLUMNS)
                .params(
                        content.subject(),
                        content.body(),
                        content.messageClass(),
                        content.categories().toArray(String[]::new),
                        Timestamp.from(at),
                        modseq,
                        accountId,
                        noteId)
                .query(NOTE)
                .optional();
    }

    /** Deletes the notes among the ids, returning the ones that were there. */

    /** Puts the note in another folder under the modseq. */
    public void move(long accountId, long noteId, long folderId, long modseq) {
        jdbc.sql("UPDATE note SET folder_id = ?, modseq = ? WHERE account_id = ? AND id = ?")
                .params(folderId, modseq, accountId, noteId)
                .update();
    }

    public List<NoteView> delete(long accountId, Collection<Long> noteIds) {
        if (noteIds.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("DELETE FROM note WHERE account_id = ? AND id = ANY(?) RETURNING " + COLUMNS)
                .params(accountId, noteIds.toArray(Long[]::new))
                .query(NOTE)
                .list();
    }

    public List<NoteView> of(long accountId, Collection<Long> noteIds) {
        if (noteIds.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("SELECT " + COLUMNS + " FROM note WHERE account_id = ? AND id = ANY(?)")
                .params(accountId, noteIds.toArray(Long[]::new))
                .query(NOTE)
                .list();
    }

    /** The notes of a folder by descending id, after {@code afterId} (null: from the newest). */
    public List<NoteView> inFolder(long accountId, long folderId, @Nullable Long afterId, int limit) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM note WHERE account_id = ? AND folder_id = ? AND id < ?"
                        + " ORDER BY id DESC LIMIT ?")
                .params(accountId, folderId, afterId == null ? Long.MAX_VALUE : afterId, limit)
                .query(NOTE)
                .list();
    }

    /**
     * The account's notes, most recently changed first, of one folder when {@code folderId} is given, holding every
     * word of {@code query} in the subject, body or categories when it is given.
     */
    public List<NoteView> page(long accountId, @Nullable Long folderId, @Nullable String query, int offset, int limit) {
        return SEARCH.page(jdbc, accountId, folderId, query, offset, limit);
    }

    public long count(long accountId, @Nullable Long folderId) {
        return count(accountId, folderId, null);
    }

    /** How many notes {@link #page} finds in all. */
    public long count(long accountId, @Nullable Long folderId, @Nullable String query) {
        return SEARCH.count(jdbc, accountId, folderId, query);
    }

    private static List<String> strings(@Nullable Array array) throws SQLException {
        return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
    }
}
