package org.atoll.calendar;

/**
 * A calendar item a client sent that cannot be read: a missing or malformed element (MS-ASCAL 2.2.2), or an
 * iCalendar object that RFC 5545 does not allow. The message names the element or property and what is wrong
 * with it; a Sync handler answers it with Status 6 (MS-ASCMD 2.2.3.177.17), the REST API with 400.
 */
public class MalformedCalendarItem extends Exception {

    public MalformedCalendarItem(String reason) {
        super(reason, null, false, false);
    }

    MalformedCalendarItem(String reason, Throwable cause) {
        super(reason, cause, false, false);
    }
}
