package org.atoll.mailbox;

import org.jspecify.annotations.Nullable;

/** An attachment of a stored message; {@code partPath} addresses it inside the raw MIME. */
public record Attachment(
        String partPath,
        @Nullable String fileName,
        String contentType,
        long size,
        @Nullable String contentId,
        boolean inline) {}
