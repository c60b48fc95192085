package org.atoll.mailbox;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A follow-up flag, MS-ASEMAIL 2.2.2.27 (Flag): cleared, active with optional start and due dates, or complete.
 */
public record Flag(
        Status status,
        @Nullable Instant startAt,
        @Nullable Instant dueAt,
        @Nullable Instant completedAt) {

    public static final Flag CLEARED = new Flag(Status.CLEARED, null, null, null);

    public static Flag active(@Nullable Instant startAt, @Nullable Instant dueAt) {
        return new Flag(Status.ACTIVE, startAt, dueAt, null);
    }

    public static Flag complete(Instant completedAt) {
        return new Flag(Status.COMPLETE, null, null, completedAt);
    }

    public Flag {
        if (startAt != null && dueAt != null && dueAt.isBefore(startAt)) {
            throw new InvalidMailboxRequest("A flag cannot be due before it starts");
        }
    }

    /** MS-ASEMAIL FlagStatus codes. */
    public enum Status {
        CLEARED(0),
        COMPLETE(1),
        ACTIVE(2);

        private final int code;

        Status(int code) {
            this.code = code;
        }

        public int code() {
            return code;
        }

        public static Status fromCode(int code) {
            for (Status status : values()) {
                if (status.code == code) {
                    return status;
                }
            }
            throw new IllegalArgumentException("No flag status " + code);
        }
    }
}
