package org.atoll.mail;

import java.util.Arrays;
import java.util.Optional;

/** Whether automatic replies go out, with the wire codes of MS-ASCMD 2.2.3.120 OofState. */
public enum OofState {
    /** No automatic replies. */
    OFF(0),
    /** Automatic replies until turned off. */
    ON(1),
    /** Automatic replies between a start and an end time. */
    SCHEDULED(2);

    private final int code;

    OofState(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public static Optional<OofState> ofCode(int code) {
        return Arrays.stream(values()).filter(s -> s.code == code).findFirst();
    }
}
