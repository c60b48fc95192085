package org.atoll.sync;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Which of a collection's items a device wants, MS-ASCMD 2.2.3.69.2 (FilterType), with its wire code: how far back
 * for Email and Calendar, the incomplete tasks for Tasks. Each class takes its own values ({@link ItemStore#takes});
 * one it does not take is synced as {@link #ALL}.
 */
public enum FilterType {
    ALL(0, null),
    ONE_DAY(1, Duration.ofDays(1)),
    THREE_DAYS(2, Duration.ofDays(3)),
    ONE_WEEK(3, Duration.ofDays(7)),
    TWO_WEEKS(4, Duration.ofDays(14)),
    ONE_MONTH(5, Duration.ofDays(30)),
    THREE_MONTHS(6, Duration.ofDays(90)),
    SIX_MONTHS(7, Duration.ofDays(180)),
    /** Tasks only: the tasks not complete. No time window; the Tasks class decides what is in it. */
    INCOMPLETE_TASKS(8, null);

    private static final FilterType[] BY_CODE = values();

    private final int code;
    private final Duration window;

    FilterType(int code, Duration window) {
        this.code = code;
        this.window = window;
    }

    public int code() {
        return code;
    }

    /** Whether the filter is a time window (Email and Calendar), not a state of the item. */
    public boolean timeWindow() {
        return window != null;
    }

    /** The oldest arrival time inside the window at {@code now}; the epoch for a filter without a time window. */
    public Instant cutoff(Instant now) {
        return window == null ? Instant.EPOCH : now.minus(window);
    }

    public static Optional<FilterType> fromCode(int code) {
        return code >= 0 && code < BY_CODE.length ? Optional.of(BY_CODE[code]) : Optional.empty();
    }
}
