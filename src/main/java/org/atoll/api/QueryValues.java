package org.atoll.api;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import org.jspecify.annotations.Nullable;

/** Query parameter values the API parses itself, bounded to what the store can compare against. */
final class QueryValues {

    /** The earliest and latest instants a query may name: the years 1 to 9999 of ISO 8601 without expansion. */
    static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");

    static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999Z");

    private QueryValues() {}

    /** @throws InvalidApiRequest when the text is not an RFC 3339 date-time of the years 1 to 9999 */
    static @Nullable Instant instant(String name, @Nullable String text) {
        if (text == null) {
            return null;
        }
        Instant instant;
        try {
            instant = Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new InvalidApiRequest(name + " is a date-time such as 2026-11-28T10:00:00Z");
        }
        if (instant.isBefore(EARLIEST) || instant.isAfter(LATEST)) {
            throw new InvalidApiRequest(name + " is a date-time of the years 1 to 9999");
        }
        return instant;
    }

    /** @throws InvalidApiRequest when the page starts beyond the most items a list can skip */
    static void requireReachable(int page, int size) {
        if ((long) page * size > Integer.MAX_VALUE) {
            throw new InvalidApiRequest("The page starts beyond the end of any list");
        }
    }
}
