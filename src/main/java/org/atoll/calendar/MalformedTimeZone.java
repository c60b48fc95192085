package org.atoll.calendar;

/** A TimeZone element that is not the base64 of a 172-byte TIME_ZONE_INFORMATION (MS-ASDTYPE 2.6.4). */
public final class MalformedTimeZone extends MalformedCalendarItem {

    MalformedTimeZone(String reason) {
        super("TimeZone: " + reason);
    }
}
