package org.atoll.calendar;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** The kinds of recurrence (MS-ASCAL 2.2.2.45 Type). */
public enum RecurrenceType {
    /** Every n days, or on some weekdays. */
    DAILY(0),

    /** Every n weeks on some weekdays. */
    WEEKLY(1),

    /** Every n months on a day of the month. */
    MONTHLY(2),

    /** Every n months on the nth weekday. */
    MONTHLY_NTH(3),

    /** Every n years on a day of a month. */
    YEARLY(5),

    /** Every n years on the nth weekday of a month. */
    YEARLY_NTH(6);

    private static final Map<Integer, RecurrenceType> BY_CODE = new HashMap<>();

    static {
        for (RecurrenceType value : values()) {
            if (BY_CODE.put(value.code, value) != null) {
                throw new IllegalStateException("code listed twice: " + value);
            }
        }
    }

    private final int code;

    RecurrenceType(int code) {
        this.code = code;
    }

    /** The number on the wire. */
    public int code() {
        return code;
    }

    /** The value with this code, or empty when the protocol defines none. */
    public static Optional<RecurrenceType> ofCode(int code) {
        return Optional.ofNullable(BY_CODE.get(code));
    }
}
