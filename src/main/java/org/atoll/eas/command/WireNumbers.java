package org.atoll.eas.command;

import java.util.Optional;

/** Reads the unsigned decimal numbers that ActiveSync sends as text: sync keys, folder ids, policy keys. */
final class WireNumbers {

    private WireNumbers() {}

    /** The number, or empty for anything but 1 to 18 ASCII digits (so it always fits a {@code long}). */
    static Optional<Long> unsigned(String text) {
        if (text.isEmpty() || text.length() > 18 || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return Optional.empty();
        }
        return Optional.of(Long.parseLong(text));
    }
}
