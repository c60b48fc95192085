package org.atoll.api;

import java.util.List;
import java.util.function.Function;
import org.atoll.shared.PageOf;

/**
 * A page of a list as the API shows it.
 *
 * @param total how many items all pages hold together
 */
record Pages<T>(List<T> items, int page, int size, long total) {

    static <S, T> Pages<T> of(PageOf<S> page, Function<S, T> mapping) {
        return new Pages<>(page.items().stream().map(mapping).toList(), page.page(), page.size(), page.total());
    }
}
