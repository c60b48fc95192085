package org.atoll.sync;

import java.util.Optional;

/**
 * Who wins when a device changes an item the server changed since the device last received it, MS-ASCMD
 * 2.2.3.34 (Conflict). Without the element the server wins.
 */
public enum ConflictPolicy {
    CLIENT_WINS(0),
    SERVER_WINS(1);

    private final int code;

    ConflictPolicy(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public static Optional<ConflictPolicy> fromCode(int code) {
        return switch (code) {
            case 0 -> Optional.of(CLIENT_WINS);
            case 1 -> Optional.of(SERVER_WINS);
            default -> Optional.empty();
        };
    }
}
