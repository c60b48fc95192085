package org.atoll.sync;

/** The per-item Status values of a Sync response, MS-ASCMD 2.2.3.177.17. */
public enum ItemStatus {
    SUCCESS(1),
    CONVERSION_ERROR(6),
    CONFLICT(7),
    NOT_FOUND(8);

    private final int code;

    ItemStatus(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }
}
