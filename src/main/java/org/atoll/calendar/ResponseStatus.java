package org.atoll.calendar;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** An attendee's answer (MS-ASCAL 2.2.2.4 AttendeeStatus; RFC 5545 PARTSTAT). */
public enum ResponseStatus {
    /** Response unknown. */
    UNKNOWN(0),

    /** Tentatively accepted. */
    TENTATIVE(2),

    /** Accepted. */
    ACCEPTED(3),

    /** Declined. */
    DECLINED(4),

    /** Not responded yet. */
    NOT_RESPONDED(5);

    private static final Map<Integer, ResponseStatus> BY_CODE = new HashMap<>();

    static {
        for (ResponseStatus value : values()) {
            if (BY_CODE.put(value.code, value) != null) {
                throw new IllegalStateException("code listed twice: " + value);
            }
        }
    }

    private final int code;

    ResponseStatus(int code) {
        this.code = code;
    }

    /** The number on the wire. */
    public int code() {
        return code;
    }

    /** The value with this code, or empty when the protocol defines none. */
    public static Optional<ResponseStatus> ofCode(int code) {
        return Optional.ofNullable(BY_CODE.get(code));
    }
}
