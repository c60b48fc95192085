package org.atoll.api;

import java.util.List;
import java.util.function.Function;
import org.atoll.shared.PageOf;
import org.jspecify.annotations.Nullable;

/**
 * A page of a list as the API shows it.
 *
 * @param total how many items all pages hold together
 */
record Pages<T>(List<T> items, int page, int size, long total) {

    /** Most items a page of contacts, tasks or notes lists. */
    static final int MAX_ITEM_PAGE = 200;

    /** The longest search query of contacts, tasks or notes, in characters. */
    static final int MAX_QUERY = 256;

    /**
     * @throws InvalidApiRequest unless the page starts at 0 or later and holds 1 to {@link #MAX_ITEM_PAGE} items, and
     *     the query, when given, has at most {@link #MAX_QUERY} characters and no U+0000
     */
    static void checkSearch(int page, int size, @Nullable String q, String what) {
        if (page < 0 || size < 1 || size > MAX_ITEM_PAGE) {
            throw new InvalidApiRequest("Pages start at 0 and hold 1 to " + MAX_ITEM_PAGE + " " + what);
        }
        QueryValues.requireReachable(page, size);
        if (q != null && (q.length() > MAX_QUERY || q.indexOf('\0') >= 0)) {
            throw new InvalidApiRequest("q has at most " + MAX_QUERY + " characters, none of them U+0000");
        }
    }

    static <S, T> Pages<T> of(PageOf<S> page, Function<S, T> mapping) {
        return new Pages<>(page.items().stream().map(mapping).toList(), page.page(), page.size(), page.total());
    }
}
