package org.atoll.mailbox.internal;

import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;
import org.atoll.calendar.MeetingMessages;
import org.atoll.mailbox.Attachment;
import org.atoll.mailbox.ChangeKind;
import org.atoll.mailbox.ChangeOrigin;
import org.atoll.mailbox.Flag;
import org.atoll.mailbox.LastVerb;
import org.atoll.mailbox.MessageBytes;
import org.atoll.mailbox.MessageView;
import org.atoll.mailbox.SystemFolder;
import org.atoll.mime.AttachmentInfo;
import org.atoll.mime.ParsedMessage;
import org.atoll.mime.ParsedWithText;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.SqlParameterValue;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Adds a message to a folder in one statement: the raw MIME (unless the account already holds the same bytes), the
 * message row joined to its thread, its attachment rows, its journal row and its full-text row ({@link SearchText}). The statement runs after the change
 * took its modseq, so it sees every message that writers of the account committed before.
 */
@Component
public class NewMessages {

    private static final String INSERT = """
            WITH n AS (SELECT nextval('message_id_seq') AS id, f.id AS folder_id FROM folder f
                       WHERE f.account_id = ? AND %s),
            b AS (INSERT INTO blob (account_id, sha256, size, content) SELECT ?, ?, ?, ? FROM n
                  ON CONFLICT (account_id, sha256) DO NOTHING),
            m AS (INSERT INTO message (account_id, id, folder_id, blob_sha256, thread_id, received_at, sent_at,
                      subject, thread_topic, from_list, from_address, to_list, cc_list, reply_to_list, display_to,
                      message_id_header, in_reply_to, references_header, importance, size, preview, has_html,
                      message_class, malformed, is_read, modseq)
                  SELECT ?, n.id, n.folder_id, ?,
                      coalesce((SELECT t.thread_id FROM message t
                                WHERE t.account_id = ? AND t.message_id_header = ANY(?::text[]) LIMIT 1), n.id),
                      ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::text[], ?, ?, ?, ?, ?, ?, ?, ?
                  FROM n RETURNING id, folder_id, thread_id),
            a AS (INSERT INTO message_attachment (account_id, message_id, ordinal, part_path, file_name,
                      content_type, size, content_id, inline)
                  SELECT ?, m.id, u.* FROM m, unnest(?::smallint[], ?::text[], ?::text[], ?::text[], ?::bigint[],
                      ?::text[], ?::boolean[]) AS u),
            j AS (INSERT INTO journal (account_id, modseq, origin_device, ordinal, folder_id, message_id, kind)
                  SELECT ?, ?, ?, ?, m.folder_id, m.id, ? FROM m),
            s AS (INSERT INTO message_search (account_id, message_id, document)
                  SELECT ?, m.id, setweight(to_tsvector('simple', ?), 'A')
                      || setweight(to_tsvector('simple', ?), 'B') || setweight(to_tsvector('simple', ?), 'C')
                  FROM m)
            SELECT id, folder_id, thread_id FROM m
            """;
    private static final String BY_ID = INSERT.formatted("f.id = ?");
    private static final String BY_ROLE = INSERT.formatted("f.role = ?");

    private final JdbcClient jdbc;

    NewMessages(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Adds the message to the folder with the id, journaled under the change as added.
     *
     * @return the stored message, or empty when the account has no such folder; then nothing was written
     */
    public Optional<MessageView> add(
            Change change, long folderId, MessageBytes raw, ParsedWithText parsed, Instant receivedAt, boolean read) {
        return add(BY_ID, folderId, change, raw, parsed, receivedAt, read);
    }

    /**
     * Adds the message to the account's system folder, journaled under the change as added.
     *
     * @return the stored message, or empty when the account has no such folder; then nothing was written
     */
    public Optional<MessageView> add(
            Change change,
            SystemFolder folder,
            MessageBytes raw,
            ParsedWithText parsed,
            Instant receivedAt,
            boolean read) {
        return add(BY_ROLE, folder.name(), change, raw, parsed, receivedAt, read);
    }

    /**
     * Replaces the content of a message the account holds: its raw MIME (stored once, as for an addition), its
     * envelope, its attachment rows and what search finds it by, under the change's modseq. Its id, folder, thread, received time, read
     * state, flag and categories stay. The caller journals the change and frees the old bytes.
     *
     * @return the size and SHA-256 of the content it had, or empty when the account has no such message
     */
    public Optional<Replaced> replace(Change change, long messageId, byte[] raw, ParsedMessage parsed) {
        long accountId = change.accountId();
        Optional<Replaced> old = jdbc.sql(
                        "SELECT size, blob_sha256 FROM message WHERE account_id = ? AND id = ?" + " FOR UPDATE")
                .params(accountId, messageId)
                .query((row, n) -> new Replaced(row.getInt(1), row.getBytes(2)))
                .optional();
        if (old.isEmpty()) {
            return old;
        }
        byte[] sha256 = Blobs.sha256(raw);
        jdbc.sql("INSERT INTO blob (account_id, sha256, size, content) VALUES (?, ?, ?, ?)"
                        + " ON CONFLICT (account_id, sha256) DO NOTHING")
                .params(accountId, sha256, raw.length, raw)
                .update();
        jdbc.sql("""
                        UPDATE message SET blob_sha256 = ?, sent_at = ?, subject = ?, thread_topic = ?, from_list = ?,
                            from_address = ?, to_list = ?, cc_list = ?, reply_to_list = ?, display_to = ?,
                            message_id_header = ?, in_reply_to = ?, references_header = ?::text[], importance = ?,
                            size = ?, preview = ?, has_html = ?, message_class = ?, malformed = ?, modseq = ?
                        WHERE account_id = ? AND id = ?
                        """)
                .params(
                        sha256,
                        instant(parsed.date()),
                        text(parsed.subject()),
                        text(parsed.threadTopic()),
                        text(parsed.from()),
                        text(parsed.fromAddress()),
                        String.join(", ", parsed.to()),
                        String.join(", ", parsed.cc()),
                        String.join(", ", parsed.replyTo()),
                        parsed.displayTo(),
                        text(parsed.messageId()),
                        text(parsed.inReplyTo()),
                        parsed.references().toArray(String[]::new),
                        (short) parsed.importance().code(),
                        parsed.size(),
                        parsed.preview(),
                        parsed.hasHtml(),
                        MeetingMessages.messageClass(parsed.calendar()),
                        parsed.malformed(),
                        change.modseq(),
                        accountId,
                        messageId)
                .update();
        jdbc.sql("DELETE FROM message_attachment WHERE account_id = ? AND message_id = ?")
                .params(accountId, messageId)
                .update();
        List<AttachmentInfo> attached = parsed.attachments();
        for (int i = 0; i < attached.size(); i++) {
            AttachmentInfo a = attached.get(i);
            jdbc.sql("""
                            INSERT INTO message_attachment (account_id, message_id, ordinal, part_path, file_name,
                                content_type, size, content_id, inline) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                            """)
                    .params(
                            accountId,
                            messageId,
                            (short) i,
                            a.partPath(),
                            text(a.fileName()),
                            a.contentType(),
                            a.size(),
                            text(a.contentId()),
                            a.inline())
                    .update();
        }
        jdbc.sql("""
                        UPDATE message_search SET document = setweight(to_tsvector('simple', ?), 'A')
                            || setweight(to_tsvector('simple', ?), 'B') || setweight(to_tsvector('simple', ?), 'C')
                        WHERE account_id = ? AND message_id = ?
                        """)
                .params(
                        Objects.requireNonNullElse(parsed.subject(), ""),
                        SearchText.addresses(parsed),
                        SearchText.body(parsed, raw),
                        accountId,
                        messageId)
                .update();
        return old;
    }

    /** What a replaced message held before: its size and the SHA-256 of its raw MIME. */
    public record Replaced(int size, byte[] sha256) {}

    private record Stored(long id, long folderId, long threadId) {}

    private Optional<MessageView> add(
            String sql,
            Object folder,
            Change change,
            MessageBytes message,
            ParsedWithText content,
            Instant receivedAt,
            boolean read) {
        long accountId = change.accountId();
        byte[] raw = message.bytes();
        byte[] sha256 = message.sha256();
        ParsedMessage parsed = content.envelope();
        List<AttachmentInfo> attached = parsed.attachments();
        int count = attached.size();
        Short[] ordinals = new Short[count];
        String[] paths = new String[count];
        String[] names = new String[count];
        String[] types = new String[count];
        Long[] sizes = new Long[count];
        String[] contentIds = new String[count];
        Boolean[] inline = new Boolean[count];
        for (int i = 0; i < count; i++) {
            AttachmentInfo a = attached.get(i);
            ordinals[i] = (short) i;
            paths[i] = a.partPath();
            names[i] = a.fileName();
            types[i] = a.contentType();
            sizes[i] = a.size();
            contentIds[i] = a.contentId();
            inline[i] = a.inline();
        }
        String[] threadIds = Stream.concat(Stream.ofNullable(parsed.inReplyTo()), parsed.references().stream())
                .distinct()
                .toArray(String[]::new);
        int ordinal = change.nextOrdinal();
        String messageClass = MeetingMessages.messageClass(parsed.calendar());
        List<Object> params = new ArrayList<>(List.of(
                accountId, folder, accountId, sha256, raw.length, raw, accountId, sha256, accountId, threadIds));
        params.addAll(List.of(
                Timestamp.from(receivedAt),
                instant(parsed.date()),
                text(parsed.subject()),
                text(parsed.threadTopic()),
                text(parsed.from()),
                text(parsed.fromAddress()),
                String.join(", ", parsed.to()),
                String.join(", ", parsed.cc()),
                String.join(", ", parsed.replyTo()),
                parsed.displayTo(),
                text(parsed.messageId()),
                text(parsed.inReplyTo()),
                parsed.references().toArray(String[]::new),
                (short) parsed.importance().code(),
                parsed.size(),
                parsed.preview(),
                parsed.hasHtml(),
                messageClass,
                parsed.malformed(),
                read,
                change.modseq()));
        params.addAll(List.of(accountId, ordinals, paths, names, types, sizes, contentIds, inline));
        params.addAll(List.of(
                accountId,
                change.modseq(),
                new SqlParameterValue(Types.BIGINT, ChangeOrigin.device().orElse(null)),
                ordinal,
                (short) ChangeKind.MESSAGE_ADDED.code()));
        params.addAll(List.of(
                accountId,
                Objects.requireNonNullElse(parsed.subject(), ""),
                SearchText.addresses(parsed),
                SearchText.body(content)));
        Optional<Stored> stored = jdbc.sql(sql)
                .params(params)
                .query((row, n) -> new Stored(row.getLong(1), row.getLong(2), row.getLong(3)))
                .optional();
        stored.ifPresent(s -> change.messageAddedAndWritten(s.folderId(), s.id()));
        return stored.map(s -> view(s, parsed, messageClass, receivedAt, read, change.modseq()));
    }

    private static MessageView view(
            Stored stored, ParsedMessage parsed, String messageClass, Instant receivedAt, boolean read, long modseq) {
        return new MessageView(
                stored.id(),
                stored.folderId(),
                stored.threadId(),
                receivedAt,
                parsed.date(),
                parsed.subject(),
                parsed.threadTopic(),
                parsed.from(),
                String.join(", ", parsed.to()),
                String.join(", ", parsed.cc()),
                String.join(", ", parsed.replyTo()),
                parsed.displayTo(),
                parsed.messageId(),
                parsed.inReplyTo(),
                parsed.importance(),
                parsed.size(),
                parsed.preview(),
                parsed.hasHtml(),
                messageClass,
                parsed.malformed(),
                read,
                Flag.CLEARED,
                LastVerb.NONE,
                null,
                List.of(),
                parsed.attachments().stream()
                        .map(a -> new Attachment(
                                a.partPath(), a.fileName(), a.contentType(), a.size(), a.contentId(), a.inline()))
                        .toList(),
                modseq);
    }

    private static SqlParameterValue text(@Nullable String value) {
        return new SqlParameterValue(Types.VARCHAR, value);
    }

    private static SqlParameterValue instant(@Nullable Instant value) {
        return new SqlParameterValue(Types.TIMESTAMP, value == null ? null : Timestamp.from(value));
    }
}
