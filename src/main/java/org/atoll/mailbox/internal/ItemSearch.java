package org.atoll.mailbox.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A search of one account's contacts, tasks or notes as SQL: the rows of one folder when one is given, holding every
 * word of the query, in any case, somewhere in the searched columns (as a substring, so "lov" finds "Lovelace" and
 * "0155" a postal code). The words are bound as parameters with the LIKE wildcards escaped; the table, the column
 * lists and the order are the caller's constants, never user input.
 *
 * @param <T> the view a row maps to
 */
final class ItemSearch<T> {

    private final String table;
    private final String columns;
    private final RowMapper<T> mapper;
    private final String order;
    private final String haystack;

    /**
     * @param columns the columns {@code mapper} reads
     * @param order the ORDER BY of a page
     * @param searched the columns (or text expressions) a word may occur in
     */
    ItemSearch(String table, String columns, RowMapper<T> mapper, String order, String... searched) {
        this.table = table;
        this.columns = columns;
        this.mapper = mapper;
        this.order = order;
        this.haystack = "concat_ws(' ', " + String.join(", ", searched) + ")";
    }

    /** The rows found, in the search's order, from {@code offset} on; a null or blank query finds them all. */
    List<T> page(
            JdbcClient jdbc, long accountId, @Nullable Long folderId, @Nullable String query, long offset, int limit) {
        List<@Nullable Object> params = params(accountId, folderId, query);
        params.add(offset);
        params.add(limit);
        return jdbc.sql("SELECT " + columns + " FROM " + table + where(query) + " ORDER BY " + order
                        + " OFFSET ? LIMIT ?")
                .params(params)
                .query(mapper)
                .list();
    }

    /** How many rows {@link #page} finds in all. */
    long count(JdbcClient jdbc, long accountId, @Nullable Long folderId, @Nullable String query) {
        return jdbc.sql("SELECT count(*) FROM " + table + where(query))
                .params(params(accountId, folderId, query))
                .query(Long.class)
                .single();
    }

    private String where(@Nullable String query) {
        StringBuilder sql = new StringBuilder(" WHERE account_id = ? AND (?::bigint IS NULL OR folder_id = ?)");
        for (int i = 0; i < words(query).size(); i++) {
            sql.append(" AND ").append(haystack).append(" ILIKE ?");
        }
        return sql.toString();
    }

    private static List<@Nullable Object> params(long accountId, @Nullable Long folderId, @Nullable String query) {
        List<@Nullable Object> params = new ArrayList<>(List.of(accountId));
        params.add(folderId);
        params.add(folderId);
        for (String word : words(query)) {
            params.add("%" + escaped(word) + "%");
        }
        return params;
    }

    private static List<String> words(@Nullable String query) {
        return query == null
                ? List.of()
                : Arrays.stream(query.strip().split("\\s+"))
                        .filter(word -> !word.isEmpty())
                        .toList();
    }

    private static String escaped(String word) {
        return word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
