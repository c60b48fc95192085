package org.atoll.contacts;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import org.atoll.wbxml.EasValues;

/** Birthdays and anniversaries, dates without a time, in the dateTime form the Contact class sends them in. */
final class ContactDates {

    /** MS-ASCNTC 2.2.2.6: the time of a birthday "might be 11:59"; a client ignores it. */
    private static final LocalTime DATE_ONLY_TIME = LocalTime.of(11, 59);

    private ContactDates() {}

    /** A date-only value as a dateTime at 11:59 UTC, the same day in every time zone within eleven hours of UTC. */
    static String date(LocalDate date) {
        return EasValues.dateTime(date.atTime(DATE_ONLY_TIME).toInstant(ZoneOffset.UTC));
    }

    /**
     * A date-only value: the date of the nearest midnight UTC, so a client that sends its local midnight (22:00 the
     * day before, for UTC+2) and one that sends 11:59 UTC both mean the day they show.
     */
    static LocalDate parseDate(String text) {
        Instant instant = EasValues.parseDateTime(text).plus(12, ChronoUnit.HOURS);
        return LocalDate.ofInstant(instant, ZoneOffset.UTC);
    }
}
