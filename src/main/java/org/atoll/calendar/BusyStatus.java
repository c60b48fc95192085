package org.atoll.calendar;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** How an event shows in free/busy (MS-ASCAL 2.2.2.8 BusyStatus). */
public enum BusyStatus {
    /** Free. */
    FREE(0),

    /** Tentative. */
    TENTATIVE(1),

    /** Busy. */
    BUSY(2),

    /** Out of office. */
    OUT_OF_OFFICE(3),

    /** Working elsewhere (16.0 and later). */
    WORKING_ELSEWHERE(4);

    private static final Map<Integer, BusyStatus> BY_CODE = new HashMap<>();

    static {
        for (BusyStatus value : values()) {
            if (BY_CODE.put(value.code, value) != null) {
                throw new IllegalStateException("code listed twice: " + value);
            }
        }
    }

    private final int code;

    BusyStatus(int code) {
        this.code = code;
    }

    /** The number on the wire. */
    public int code() {
        return code;
    }

    /** The value with this code, or empty when the protocol defines none. */
    public static Optional<BusyStatus> ofCode(int code) {
        return Optional.ofNullable(BY_CODE.get(code));
    }
}
