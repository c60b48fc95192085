package org.atoll.mailbox.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A search of contacts, tasks or notes as SQL: every word of the query must occur, in any case, somewhere in the
 * given columns (as a substring, so "lov" finds "Lovelace" and "0155" a postal code). The words are bound as
 * parameters with the LIKE wildcards escaped; the column list is the caller's constant, never user input.
 */
final class TextMatch {

    private final String sql;
    private final List<Object> params;

    private TextMatch(String sql, List<Object> params) {
        this.sql = sql;
        this.params = params;
    }

    /** The condition for the query over the columns; with no query, one that holds for every row. */
    static TextMatch of(@Nullable String query, String... columns) {
        List<String> words = query == null
                ? List.of()
                : Arrays.stream(query.strip().split("\\s+"))
                        .filter(word -> !word.isEmpty())
                        .toList();
        if (words.isEmpty()) {
            return new TextMatch("", List.of());
        }
        String haystack = "concat_ws(' ', " + String.join(", ", columns) + ")";
        StringBuilder sql = new StringBuilder();
        List<Object> params = new ArrayList<>();
        for (String word : words) {
            sql.append(" AND ").append(haystack).append(" ILIKE ?");
            params.add("%" + escaped(word) + "%");
        }
        return new TextMatch(sql.toString(), params);
    }

    /** The condition, to append after a WHERE clause: empty, or starting with {@code AND}. */
    String sql() {
        return sql;
    }

    List<Object> params() {
        return params;
    }

    private static String escaped(String word) {
        return word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
