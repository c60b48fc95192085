package org.atoll.mailbox.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.atoll.mailbox.Attachment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The attachment list of each message, as parsed at delivery and written by {@link NewMessages}. */
@Component
public class Attachments {

    private final JdbcClient jdbc;

    Attachments(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Map<Long, List<Attachment>> of(long accountId, Collection<Long> messageIds) {
        Map<Long, List<Attachment>> byMessage = new HashMap<>();
        if (messageIds.isEmpty()) {
            return byMessage;
        }
        jdbc.sql("""
                        SELECT message_id, part_path, file_name, content_type, size, content_id, inline
                        FROM message_attachment WHERE account_id = ? AND message_id = ANY(?)
                        ORDER BY message_id, ordinal
                        """).params(accountId, messageIds.toArray(Long[]::new)).query(row -> {
            byMessage
                    .computeIfAbsent(row.getLong("message_id"), id -> new ArrayList<>())
                    .add(new Attachment(
                            row.getString("part_path"),
                            row.getString("file_name"),
                            row.getString("content_type"),
                            row.getLong("size"),
                            row.getString("content_id"),
                            row.getBoolean("inline")));
        });
        return byMessage;
    }
}
