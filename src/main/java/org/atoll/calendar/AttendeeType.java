package org.atoll.calendar;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** An attendee's role (MS-ASCAL 2.2.2.5 AttendeeType; RFC 5545 ROLE and CUTYPE). */
public enum AttendeeType {
    /** Required. */
    REQUIRED(1),

    /** Optional. */
    OPTIONAL(2),

    /** A room or a piece of equipment. */
    RESOURCE(3);

    private static final Map<Integer, AttendeeType> BY_CODE = new HashMap<>();

    static {
        for (AttendeeType value : values()) {
            if (BY_CODE.put(value.code, value) != null) {
                throw new IllegalStateException("code listed twice: " + value);
            }
        }
    }

    private final int code;

    AttendeeType(int code) {
        this.code = code;
    }

    /** The number on the wire. */
    public int code() {
        return code;
    }

    /** The value with this code, or empty when the protocol defines none. */
    public static Optional<AttendeeType> ofCode(int code) {
        return Optional.ofNullable(BY_CODE.get(code));
    }
}
