package org.atoll.tasks;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * How a task recurs (MS-ASTASK 2.2.2.20 Recurrence): a pattern from {@code start}, ending at {@code until}, after
 * {@code occurrences}, or never. A regenerating task's next occurrence is counted from when the previous one was
 * completed rather than from the pattern; {@code deadOccur} marks the last occurrence of a series. Values absent from
 * the client's item are null; {@code calendarType}, {@code isLeapMonth} and {@code firstDayOfWeek} exist from
 * protocol 14.0 and 14.1 on.
 *
 * @param interval every how many days, weeks, months or years (null: 1)
 * @param dayOfWeek a bitmask, Sunday 1 to Saturday 64 (MS-ASTASK 2.2.2.10)
 * @param weekOfMonth 1 to 5, 5 the last
 * @param firstDayOfWeek 0 Sunday to 6 Saturday (MS-ASTASK 2.2.2.13)
 */
public record TaskRecurrence(
        Type type,
        Instant start,
        @Nullable Instant until,
        @Nullable Integer occurrences,
        @Nullable Integer interval,
        @Nullable Integer dayOfWeek,
        @Nullable Integer dayOfMonth,
        @Nullable Integer weekOfMonth,
        @Nullable Integer monthOfYear,
        boolean regenerate,
        boolean deadOccur,
        @Nullable Integer calendarType,
        boolean isLeapMonth,
        @Nullable Integer firstDayOfWeek) {

    public TaskRecurrence {
        Objects.requireNonNull(type);
        Objects.requireNonNull(start);
        check(occurrences, 1, 999, "occurrences");
        check(interval, 1, 999, "interval");
        check(dayOfWeek, 1, 127, "dayOfWeek");
        check(dayOfMonth, 1, 31, "dayOfMonth");
        check(weekOfMonth, 1, 5, "weekOfMonth");
        check(monthOfYear, 1, 12, "monthOfYear");
        check(calendarType, 0, 23, "calendarType");
        check(firstDayOfWeek, 0, 6, "firstDayOfWeek");
    }

    /** A pattern of this type from {@code start}, every time, without end. */
    public static TaskRecurrence of(Type type, Instant start) {
        return new TaskRecurrence(
                type, start, null, null, null, null, null, null, null, false, false, null, false, null);
    }

    private static void check(@Nullable Integer value, int min, int max, String name) {
        if (value != null && (value < min || value > max)) {
            throw new IllegalArgumentException(name + " must be " + min + " to " + max + ", not " + value);
        }
    }

    /** MS-ASTASK 2.2.2.29 Type, with its wire code; 4 is not used. */
    public enum Type {
        DAILY(0),
        WEEKLY(1),
        MONTHLY(2),
        MONTHLY_ON_NTH_DAY(3),
        YEARLY(5),
        YEARLY_ON_NTH_DAY(6);

        private final int code;

        Type(int code) {
            this.code = code;
        }

        public int code() {
            return code;
        }

        public static Optional<Type> ofCode(int code) {
            for (Type value : values()) {
                if (value.code == code) {
                    return Optional.of(value);
                }
            }
            return Optional.empty();
        }
    }
}
