package org.atoll.mime;

import org.jspecify.annotations.Nullable;

/**
 * One attachment of a message. No text in it holds U+0000 ({@link NoNul}).
 *
 * @param partPath IMAP-style section number ("1", "2.1"); pass it to {@link MimeBodies#part} to get the bytes
 * @param fileName decoded file name (RFC 2231 and RFC 2047), without directories; for an attached message without
 *     one, its subject plus ".eml"
 * @param contentType lower-case media type without parameters, e.g. "application/pdf"
 * @param size decoded size in bytes (after base64 or quoted-printable)
 * @param contentId Content-ID without angle brackets
 * @param inline true for a part with a Content-ID that is not marked as an attachment, e.g. an image an HTML body
 *     refers to with {@code cid:}
 */
public record AttachmentInfo(
        String partPath,
        @Nullable String fileName,
        String contentType,
        long size,
        @Nullable String contentId,
        boolean inline) {

    public AttachmentInfo {
        partPath = NoNul.of(partPath);
        fileName = NoNul.ofNullable(fileName);
        contentType = NoNul.of(contentType);
        contentId = NoNul.ofNullable(contentId);
    }
}
