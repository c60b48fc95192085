package org.atoll.mailbox.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Reads of the full-text index {@code message_search} (V22). A word query reads the GIN index on (account, words):
 * each word's postings of this account, found in O(log n), then the matching messages ordered by receipt. Nothing
 * here reads another account's rows: every statement is keyed by the account first.
 */
@Component
public class SearchIndex {

    private final JdbcClient jdbc;

    SearchIndex(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The words of a text as the index holds them (the 'simple' configuration: lower-cased, no stemming), in the
     * order PostgreSQL lists them.
     */
    public List<String> words(String text) {
        return jdbc.sql("SELECT lexeme FROM unnest(to_tsvector('simple', ?))")
                .param(text)
                .query(String.class)
                .list();
    }

    /**
     * Whether a message of the account's Sent Items names the address in To or Cc, as {@code Name <address>} or
     * alone; addresses are compared without regard to case.
     */
    public boolean wroteTo(long accountId, String address) {
        String wanted = address.strip().toLowerCase(java.util.Locale.ROOT);
        return jdbc.sql("""
                        SELECT EXISTS (
                            SELECT 1 FROM message m
                            JOIN folder f ON f.account_id = m.account_id AND f.id = m.folder_id
                            CROSS JOIN LATERAL regexp_split_to_table(lower(m.to_list || ',' || m.cc_list), ',') part
                            WHERE m.account_id = ? AND f.role = 'SENT_ITEMS'
                              AND (strpos(part, '<' || ? || '>') > 0 OR btrim(part) = ?))
                        """)
                .params(accountId, wanted, wanted)
                .query(Boolean.class)
                .single();
    }

    /** Criteria already checked by the caller; an empty word list matches every message. */
    public record Criteria(
            List<String> words,
            Collection<Long> folderIds,
            @Nullable Instant receivedAfter,
            @Nullable Instant receivedBefore,
            @Nullable Long threadId) {}

    /**
     * The ids of the matches from {@code offset}, newest first, at most {@code limit}. Runs in the caller's
     * transaction with plans made for its own words: a plan cached for a common word reads every posting of a rare
     * one's account, and the reverse.
     */
    public List<Long> find(long accountId, Criteria criteria, int offset, int limit) {
        jdbc.sql("SET LOCAL plan_cache_mode = force_custom_plan").update();
        Statement statement = statement(accountId, criteria, "m.id");
        statement.sql.append(" ORDER BY m.received_at DESC, m.id DESC LIMIT ? OFFSET ?");
        statement.params.add(limit);
        statement.params.add(offset);
        return jdbc.sql(statement.sql.toString())
                .params(statement.params)
                .query(Long.class)
                .list();
    }

    /** How many messages match. */
    public long count(long accountId, Criteria criteria) {
        Statement statement = statement(accountId, criteria, "count(*)");
        return jdbc.sql(statement.sql.toString())
                .params(statement.params)
                .query(Long.class)
                .single();
    }

    private record Statement(StringBuilder sql, List<Object> params) {}

    private static Statement statement(long accountId, Criteria criteria, String select) {
        List<Object> params = new ArrayList<>();
        StringBuilder sql = new StringBuilder("SELECT ").append(select);
        if (criteria.words().isEmpty()) {
            sql.append(" FROM message m WHERE m.account_id = ?");
            params.add(accountId);
        } else {
            sql.append(" FROM message_search s JOIN message m ON m.account_id = s.account_id AND m.id = s.message_id"
                    + " WHERE s.account_id = ? AND s.document @@ ?::tsquery");
            params.add(accountId);
            params.add(prefixQuery(criteria.words()));
        }
        if (!criteria.folderIds().isEmpty()) {
            sql.append(" AND m.folder_id = ANY(?)");
            params.add(criteria.folderIds().toArray(Long[]::new));
        }
        Optional.ofNullable(criteria.receivedAfter()).ifPresent(after -> {
            sql.append(" AND m.received_at > ?");
            params.add(Timestamp.from(after));
        });
        Optional.ofNullable(criteria.receivedBefore()).ifPresent(before -> {
            sql.append(" AND m.received_at < ?");
            params.add(Timestamp.from(before));
        });
        Optional.ofNullable(criteria.threadId()).ifPresent(thread -> {
            sql.append(" AND m.thread_id = ?");
            params.add(thread);
        });
        return new Statement(sql, params);
    }

    /**
     * Every word as a prefix, all of them required: {@code 'bud':* & 'ana':*}. Each word is quoted as tsquery text
     * wants it (a quote doubled, a backslash escaped), so no word is read as an operator.
     */
    static String prefixQuery(List<String> words) {
        StringBuilder query = new StringBuilder();
        for (String word : words) {
            if (!query.isEmpty()) {
                query.append(" & ");
            }
            query.append('\'')
                    .append(word.replace("\\", "\\\\").replace("'", "''"))
                    .append("':*");
        }
        return query.toString();
    }
}
