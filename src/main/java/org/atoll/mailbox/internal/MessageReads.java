package org.atoll.mailbox.internal;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.atoll.mailbox.Attachment;
import org.atoll.mailbox.Flag;
import org.atoll.mailbox.LastVerb;
import org.atoll.mailbox.MessageView;
import org.atoll.mailbox.StoredMessage;
import org.atoll.mime.Importance;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Messages whole in one plain statement: the envelope and state, the attachment list and, for the messages asked,
 * the raw MIME. What a Sync's window needs, without a persistence context.
 */
@Component
public class MessageReads {

    private static final String SQL = """
            SELECT m.id, m.folder_id, m.thread_id, m.received_at, m.sent_at, m.subject, m.thread_topic, m.from_list,
                   m.to_list, m.cc_list, m.reply_to_list, m.display_to, m.message_id_header, m.in_reply_to,
                   m.importance, m.size, m.preview, m.has_html, m.message_class, m.malformed, m.is_read,
                   m.flag_status, m.flag_start_at, m.flag_due_at, m.flag_completed_at, m.last_verb, m.last_verb_at,
                   m.categories, m.modseq, a.paths, a.names, a.types, a.sizes, a.content_ids, a.inlines,
                   CASE WHEN m.id = ANY(?::bigint[]) THEN
                       (SELECT b.content FROM blob b WHERE b.account_id = m.account_id AND b.sha256 = m.blob_sha256)
                   END AS content
            FROM message m
            LEFT JOIN LATERAL (
                SELECT array_agg(x.part_path ORDER BY x.ordinal) AS paths,
                       array_agg(x.file_name ORDER BY x.ordinal) AS names,
                       array_agg(x.content_type ORDER BY x.ordinal) AS types,
                       array_agg(x.size ORDER BY x.ordinal) AS sizes,
                       array_agg(x.content_id ORDER BY x.ordinal) AS content_ids,
                       array_agg(x.inline ORDER BY x.ordinal) AS inlines
                FROM message_attachment x WHERE x.account_id = m.account_id AND x.message_id = m.id) a ON true
            WHERE m.account_id = ? AND m.id = ANY(?::bigint[])
            """;

    private final JdbcClient jdbc;

    MessageReads(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The messages that exist among {@code ids}, in no particular order, with the MIME of those among {@code withMime}. */
    public List<StoredMessage> of(long accountId, Collection<Long> ids, Collection<Long> withMime) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return jdbc.sql(SQL)
                .params(withMime.toArray(Long[]::new), accountId, ids.toArray(Long[]::new))
                .query((row, n) -> new StoredMessage(view(row), row.getBytes("content")))
                .list();
    }

    private static MessageView view(ResultSet row) throws SQLException {
        return new MessageView(
                row.getLong("id"),
                row.getLong("folder_id"),
                row.getLong("thread_id"),
                row.getTimestamp("received_at").toInstant(),
                instant(row.getTimestamp("sent_at")),
                row.getString("subject"),
                row.getString("thread_topic"),
                row.getString("from_list"),
                row.getString("to_list"),
                row.getString("cc_list"),
                row.getString("reply_to_list"),
                row.getString("display_to"),
                row.getString("message_id_header"),
                row.getString("in_reply_to"),
                Importance.fromCode(row.getShort("importance")),
                row.getInt("size"),
                row.getString("preview"),
                row.getBoolean("has_html"),
                row.getString("message_class"),
                row.getBoolean("malformed"),
                row.getBoolean("is_read"),
                new Flag(
                        Flag.Status.fromCode(row.getShort("flag_status")),
                        instant(row.getTimestamp("flag_start_at")),
                        instant(row.getTimestamp("flag_due_at")),
                        instant(row.getTimestamp("flag_completed_at"))),
                LastVerb.fromCode(row.getShort("last_verb")),
                instant(row.getTimestamp("last_verb_at")),
                List.of((String[]) row.getArray("categories").getArray()),
                attachments(row),
                row.getLong("modseq"));
    }

    private static List<Attachment> attachments(ResultSet row) throws SQLException {
        Array paths = row.getArray("paths");
        if (paths == null) {
            return List.of();
        }
        String[] path = (String[]) paths.getArray();
        String[] name = (String[]) row.getArray("names").getArray();
        String[] type = (String[]) row.getArray("types").getArray();
        Long[] size = (Long[]) row.getArray("sizes").getArray();
        String[] contentId = (String[]) row.getArray("content_ids").getArray();
        Boolean[] inline = (Boolean[]) row.getArray("inlines").getArray();
        List<Attachment> attachments = new ArrayList<>(path.length);
        for (int i = 0; i < path.length; i++) {
            attachments.add(new Attachment(path[i], name[i], type[i], size[i], contentId[i], inline[i]));
        }
        return List.copyOf(attachments);
    }

    private static @Nullable Instant instant(@Nullable Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
