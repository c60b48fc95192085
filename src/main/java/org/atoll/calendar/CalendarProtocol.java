package org.atoll.calendar;

import java.util.Optional;

/** The ActiveSync versions whose Calendar class differs (MS-ASCAL 1.7, 2.2.2). */
public enum CalendarProtocol {
    EAS_12_1("12.1"),
    EAS_14_0("14.0"),
    EAS_14_1("14.1"),
    EAS_16_0("16.0"),
    EAS_16_1("16.1");

    private final String version;

    CalendarProtocol(String version) {
        this.version = version;
    }

    /** The MS-ASProtocolVersion value. */
    public String version() {
        return version;
    }

    /** The protocol named by an MS-ASProtocolVersion value, or empty for one without a Calendar class here. */
    public static Optional<CalendarProtocol> of(String version) {
        for (CalendarProtocol protocol : values()) {
            if (protocol.version.equals(version)) {
                return Optional.of(protocol);
            }
        }
        return Optional.empty();
    }

    boolean atLeast(CalendarProtocol other) {
        return compareTo(other) >= 0;
    }
}
