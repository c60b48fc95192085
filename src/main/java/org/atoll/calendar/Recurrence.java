package org.atoll.calendar;

import java.time.DayOfWeek;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * How a series repeats (MS-ASCAL 2.2.2.37 Recurrence; RFC 5545 RRULE).
 *
 * @param interval every how many days, weeks, months or years (1 or more)
 * @param occurrences how many occurrences in all, or null
 * @param until the start of the last occurrence at the latest, or null; not both with {@code occurrences}
 * @param firstDayOfWeek the week start for weekly rules with an interval (MS-ASCAL FirstDayOfWeek, RRULE WKST)
 * @param daysOfWeek the weekdays of a weekly rule, or the weekday of an nth-weekday rule
 * @param dayOfMonth the day of a monthly or yearly rule
 * @param weekOfMonth 1 to 4, or 5 for the last, of an nth-weekday rule
 * @param monthOfYear 1 to 12, of a yearly rule
 */
public record Recurrence(
        RecurrenceType type,
        int interval,
        @Nullable Integer occurrences,
        @Nullable Instant until,
        @Nullable DayOfWeek firstDayOfWeek,
        Set<DayOfWeek> daysOfWeek,
        @Nullable Integer dayOfMonth,
        @Nullable Integer weekOfMonth,
        @Nullable Integer monthOfYear) {

    public Recurrence {
        Objects.requireNonNull(type);
        if (interval < 1) {
            throw new IllegalArgumentException("interval must be at least 1");
        }
        if (occurrences != null && until != null) {
            throw new IllegalArgumentException("a recurrence ends by a count or a date, not both");
        }
        daysOfWeek = daysOfWeek.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(daysOfWeek));
    }

    /** Every {@code interval} weeks on {@code days}. */
    public static Recurrence weekly(int interval, Set<DayOfWeek> days) {
        return new Recurrence(RecurrenceType.WEEKLY, interval, null, null, null, days, null, null, null);
    }

    /** Every {@code interval} days. */
    public static Recurrence daily(int interval) {
        return new Recurrence(RecurrenceType.DAILY, interval, null, null, null, Set.of(), null, null, null);
    }

    /** Every {@code interval} months on the {@code week}-th (5 = last) {@code day}. */
    public static Recurrence monthlyNth(int interval, int week, DayOfWeek day) {
        return new Recurrence(RecurrenceType.MONTHLY_NTH, interval, null, null, null, Set.of(day), null, week, null);
    }

    /** Every year on {@code day} of {@code month}. */
    public static Recurrence yearly(int month, int day) {
        return new Recurrence(RecurrenceType.YEARLY, 1, null, null, null, Set.of(), day, null, month);
    }

    public Recurrence withOccurrences(@Nullable Integer count) {
        return new Recurrence(
                type, interval, count, null, firstDayOfWeek, daysOfWeek, dayOfMonth, weekOfMonth, monthOfYear);
    }

    public Recurrence withUntil(@Nullable Instant last) {
        return new Recurrence(
                type, interval, null, last, firstDayOfWeek, daysOfWeek, dayOfMonth, weekOfMonth, monthOfYear);
    }
}
