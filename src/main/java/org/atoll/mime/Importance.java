package org.atoll.mime;

/** Message importance with its MS-ASEMAIL {@code Importance} wire code (0 low, 1 normal, 2 high). */
public enum Importance {
    LOW(0),
    NORMAL(1),
    HIGH(2);

    private static final Importance[] BY_CODE = {LOW, NORMAL, HIGH};

    private final int code;

    Importance(int code) {
        this.code = code;
    }

    /** The EAS wire value. */
    public int code() {
        return code;
    }

    /**
     * The importance for an EAS wire value.
     *
     * @throws IllegalArgumentException when the code is not 0, 1 or 2
     */
    public static Importance fromCode(int code) {
        if (code < 0 || code >= BY_CODE.length) {
            throw new IllegalArgumentException("unknown importance code " + code);
        }
        return BY_CODE[code];
    }
}
