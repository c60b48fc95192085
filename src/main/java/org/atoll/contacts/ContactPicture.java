package org.atoll.contacts;

import java.util.Arrays;
import java.util.Objects;

/**
 * A contact's picture: its bytes, or a reference to bytes kept elsewhere (the store's blob). Codecs write only
 * {@link Inline} pictures; whoever holds a {@link Stored} one resolves it first.
 */
public sealed interface ContactPicture {

    /** The image bytes (JPEG, PNG or GIF as the device sent them), copied in and out. */
    record Inline(byte[] bytes) implements ContactPicture {

        public Inline {
            if (bytes.length == 0) {
                throw new IllegalArgumentException("a picture has at least one byte");
            }
            bytes = bytes.clone();
        }

        @Override
        public byte[] bytes() {
            return bytes.clone();
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Inline that && Arrays.equals(bytes, that.bytes);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(bytes);
        }

        @Override
        public String toString() {
            return "Inline[" + bytes.length + " bytes]";
        }
    }

    /** A reference to picture bytes kept by the store. */
    record Stored(String reference) implements ContactPicture {

        public Stored {
            Objects.requireNonNull(reference);
            if (reference.isBlank()) {
                throw new IllegalArgumentException("a stored picture needs a reference");
            }
        }
    }
}
