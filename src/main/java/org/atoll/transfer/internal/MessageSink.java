package org.atoll.transfer.internal;

import java.util.Collection;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** Takes a source's messages one at a time, as they are read. */
public interface MessageSink {

    /** @return false when the import is to stop; the source then reads no further */
    boolean accept(SourceMessage message);

    /** A message the source could not read (or that is too large to keep); the rest goes on. */
    void failed(String what, long bytes);

    /**
     * Of these messages, known by their Message-ID and size before their content is read, the ones an earlier run
     * of an import stored in this folder: a source that can learn both cheaply (IMAP's ENVELOPE and RFC822.SIZE)
     * leaves those unread and reports them with {@link #skipped}.
     */
    default Set<Known> storedBefore(Collection<Known> candidates) {
        return Set.of();
    }

    /** A message left unread because an earlier run stored it ({@link #storedBefore}). */
    default void skipped(long bytes) {}

    /**
     * A message as its source announces it before sending it.
     *
     * @param messageId the Message-ID header's value without angle brackets and surrounding spaces
     * @param size the raw message's size in bytes
     */
    record Known(String messageId, long size) {

        /** The Message-ID as a header gives it, brackets or not; null when it names nothing. */
        public static @Nullable String normalize(String header) {
            String value = header.strip();
            if (value.startsWith("<") && value.endsWith(">")) {
                value = value.substring(1, value.length() - 1).strip();
            }
            return value.isEmpty() ? null : value;
        }
    }
}
