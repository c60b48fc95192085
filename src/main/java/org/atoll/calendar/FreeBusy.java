package org.atoll.calendar;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The MergedFreeBusy string of ResolveRecipients' Availability (MS-ASCMD 2.2.3.107): one digit per interval from
 * the start, 0 free, 1 tentative, 2 busy, 3 out of office, 4 no data; where occurrences overlap, the highest digit
 * wins. Series are expanded with their exceptions by {@link ICalendars#occurrences}; cancelled meetings and free
 * time count as free, working elsewhere as tentative.
 */
public final class FreeBusy {

    /** The interval Exchange merges free/busy into. */
    public static final Duration INTERVAL = Duration.ofMinutes(30);

    /** The most intervals one string holds: MS-ASCMD 2.2.3.107 caps MergedFreeBusy at 32 KB. */
    public static final int MAX_INTERVALS = 32 * 1024;

    private FreeBusy() {}

    /**
     * The merged free/busy of {@code events} over [{@code from}, {@code to}), by {@link #INTERVAL}.
     *
     * @throws IllegalArgumentException when {@code to} is not after {@code from} or the range holds more than
     *     {@link #MAX_INTERVALS} intervals
     */
    public static String merged(List<CalendarEvent> events, Instant from, Instant to) {
        char[] digits = new char[intervals(from, to)];
        java.util.Arrays.fill(digits, '0');
        long step = INTERVAL.toSeconds();
        for (CalendarEvent event : events) {
            if (event.meetingStatus().canceled()) {
                continue;
            }
            for (Occurrence occurrence : ICalendars.occurrences(event, from, to)) {
                char digit = digit(occurrence.busyStatus());
                long first =
                        Math.max(0, Duration.between(from, occurrence.start()).toSeconds() / step);
                long end = Duration.between(from, occurrence.end()).toSeconds();
                long last = Math.min(digits.length, (end + step - 1) / step);
                for (long i = first; i < last; i++) {
                    if (digits[(int) i] < digit) {
                        digits[(int) i] = digit;
                    }
                }
            }
        }
        return new String(digits);
    }

    /** The string for someone whose calendar cannot be read: every interval 4. */
    public static String noData(Instant from, Instant to) {
        return "4".repeat(intervals(from, to));
    }

    private static int intervals(Instant from, Instant to) {
        if (!to.isAfter(from)) {
            throw new IllegalArgumentException("the end must come after the start");
        }
        long seconds = Duration.between(from, to).toSeconds();
        long count = (seconds + INTERVAL.toSeconds() - 1) / INTERVAL.toSeconds();
        if (count > MAX_INTERVALS) {
            throw new IllegalArgumentException("more than " + MAX_INTERVALS + " intervals");
        }
        return (int) count;
    }

    private static char digit(BusyStatus status) {
        return switch (status) {
            case FREE -> '0';
            case TENTATIVE, WORKING_ELSEWHERE -> '1';
            case BUSY -> '2';
            case OUT_OF_OFFICE -> '3';
        };
    }
}
