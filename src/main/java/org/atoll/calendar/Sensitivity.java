package org.atoll.calendar;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** Who may see an event's details (MS-ASCAL 2.2.2.40 Sensitivity; RFC 5545 CLASS). */
public enum Sensitivity {
    /** Normal. */
    NORMAL(0),

    /** Personal. */
    PERSONAL(1),

    /** Private. */
    PRIVATE(2),

    /** Confidential. */
    CONFIDENTIAL(3);

    private static final Map<Integer, Sensitivity> BY_CODE = new HashMap<>();

    static {
        for (Sensitivity value : values()) {
            if (BY_CODE.put(value.code, value) != null) {
                throw new IllegalStateException("code listed twice: " + value);
            }
        }
    }

    private final int code;

    Sensitivity(int code) {
        this.code = code;
    }

    /** The number on the wire. */
    public int code() {
        return code;
    }

    /** The value with this code, or empty when the protocol defines none. */
    public static Optional<Sensitivity> ofCode(int code) {
        return Optional.ofNullable(BY_CODE.get(code));
    }
}
