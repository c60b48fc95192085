package org.atoll.tasks;

import java.util.Optional;

/** MS-ASTASK 2.2.2.14 Importance, with its wire code. */
public enum Importance {
    LOW(0),
    NORMAL(1),
    HIGH(2);

    private final int code;

    Importance(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public static Optional<Importance> ofCode(int code) {
        for (Importance value : values()) {
            if (value.code == code) {
                return Optional.of(value);
            }
        }
        return Optional.empty();
    }
}
