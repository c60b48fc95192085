package org.atoll.tasks;

import java.util.Optional;

/** MS-ASTASK 2.2.2.24 Sensitivity, with its wire code. */
public enum Sensitivity {
    NORMAL(0),
    PERSONAL(1),
    PRIVATE(2),
    CONFIDENTIAL(3);

    private final int code;

    Sensitivity(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public static Optional<Sensitivity> ofCode(int code) {
        for (Sensitivity value : values()) {
            if (value.code == code) {
                return Optional.of(value);
            }
        }
        return Optional.empty();
    }
}
