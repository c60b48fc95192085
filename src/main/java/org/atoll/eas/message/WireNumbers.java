package org.atoll.eas.message;

import java.util.Optional;

/** Reads the unsigned decimal numbers that ActiveSync sends as text: sync keys, folder ids, policy keys. */
public final class WireNumbers {

    private WireNumbers() {}

    /** The number, or empty for anything but 1 to 18 ASCII digits (so it always fits a {@code long}). */
    public static Optional<Long> unsigned(String text) {
        if (text.isEmpty() || text.length() > 18 || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return Optional.empty();
        }
        return Optional.of(Long.parseLong(text));
    }

    /**
     * A SyncKey element as a device sent it, an opaque string to the device (MS-ASCMD 2.2.3.181). Text that is not
     * one of this server's keys, such as another server's {@code {GUID}N} keys left on a phone after a migration, is
     * a key this server never issued: the device is told its key is unknown so that it starts over (FolderSync
     * Status 9), not that its request is malformed.
     */
    public static SentKey syncKey(Optional<String> text) {
        if (text.isEmpty()) {
            return new SentKey.Missing();
        }
        return unsigned(text.get()).<SentKey>map(SentKey.Issuable::new).orElseGet(SentKey.NeverIssued::new);
    }

    public sealed interface SentKey {

        /** No SyncKey element: the request is malformed. */
        record Missing() implements SentKey {}

        /** A number, which this server may have issued. */
        record Issuable(long value) implements SentKey {}

        /** Text this server never issues. */
        record NeverIssued() implements SentKey {}
    }
}
