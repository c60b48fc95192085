package org.atoll.calendar;

import java.util.Optional;

/**
 * Whether an event is a meeting, whose it is and whether it was cancelled (MS-ASCAL 2.2.2.29 MeetingStatus). The
 * codes 9, 11, 13 and 15 mean the same as 1, 3, 5 and 7 and are read as those.
 */
public enum MeetingStatus {
    /** An appointment without attendees. */
    APPOINTMENT(0),

    /** A meeting this user organizes. */
    MEETING(1),

    /** A meeting someone else organizes. */
    RECEIVED(3),

    /** A meeting this user organized and cancelled. */
    CANCELED(5),

    /** A meeting someone else organized and cancelled. */
    CANCELED_RECEIVED(7);

    private final int code;

    MeetingStatus(int code) {
        this.code = code;
    }

    /** The number on the wire. */
    public int code() {
        return code;
    }

    /** Whether the meeting was cancelled. */
    public boolean canceled() {
        return this == CANCELED || this == CANCELED_RECEIVED;
    }

    /** The status with this code, or empty when MS-ASCAL defines none. */
    public static Optional<MeetingStatus> ofCode(int code) {
        int folded = code >= 9 && code <= 15 ? code - 8 : code;
        for (MeetingStatus status : values()) {
            if (status.code == folded) {
                return Optional.of(status);
            }
        }
        return Optional.empty();
    }
}
