package org.atoll.mime;

import jakarta.mail.Multipart;
import jakarta.mail.internet.MimePart;
import java.util.Arrays;
import java.util.Optional;

/**
 * Bodies and attachment bytes of a raw message, for EAS body preferences (MS-ASAIRS) and attachment fetches. Like
 * {@link MimeParser}, total: broken input yields what could be read, never an exception.
 */
public final class MimeBodies {

    private MimeBodies() {}

    /** The plain and HTML bodies within {@link MimeLimits#DEFAULTS}. */
    public static Bodies extract(byte[] raw) {
        return extract(raw, MimeLimits.DEFAULTS);
    }

    /**
     * The first text/plain and first text/html parts that are not attachments, decoded from their declared charset
     * (undeclared or unknown: UTF-8 when valid, else windows-1252). A body that fails to decode midway is returned up
     * to the failure.
     */
    public static Bodies extract(byte[] raw, MimeLimits limits) {
        try {
            MimeTree.Walk walk = MimeTree.walk(MimeTree.open(raw), limits);
            String plain = null;
            String html = null;
            for (MimeTree.Node node : walk.leaves()) {
                if (plain == null && node.isBody("text/plain")) {
                    plain = decode(node);
                } else if (html == null && node.isBody("text/html")) {
                    html = decode(node);
                }
            }
            return new Bodies(plain, html);
        } catch (Exception | StackOverflowError e) {
            return new Bodies(null, null);
        }
    }

    /** The text of the message's iMIP part (RFC 6047): an invitation, a cancellation or an answer; empty for none. */
    public static Optional<String> calendar(byte[] raw) {
        try {
            return MimeTree.calendarPart(MimeTree.walk(MimeTree.open(raw), MimeLimits.DEFAULTS)
                            .leaves())
                    .flatMap(MimeTree::calendarText);
        } catch (Exception | StackOverflowError e) {
            return Optional.empty();
        }
    }

    /** The decoded bytes of the part at {@code partPath} within {@link MimeLimits#DEFAULTS}. */
    public static Optional<byte[]> part(byte[] raw, String partPath) {
        return part(raw, partPath, MimeLimits.DEFAULTS);
    }

    /**
     * The decoded bytes (transfer encoding removed) of the part at an IMAP-style section number: "1" is the body of
     * a single-part message or the first child of a multipart, "2.1" the first child of the second. A path below an
     * attached message/rfc822 descends into that message. Empty when the path names no part, is not a dotted list of
     * positive numbers, or is deeper than {@link MimeLimits#maxDepth}. A part whose encoding breaks midway is returned
     * up to the break.
     */
    public static Optional<byte[]> part(byte[] raw, String partPath, MimeLimits limits) {
        try {
            String[] steps = partPath.split("\\.", -1);
            if (steps.length > limits.maxDepth()) {
                return Optional.empty();
            }
            MimePart current = MimeTree.open(raw);
            boolean atMessage = true;
            for (String step : steps) {
                if (!step.matches("[1-9][0-9]{0,5}")) {
                    return Optional.empty();
                }
                int index = Integer.parseInt(step);
                if (!atMessage && "message/rfc822".equals(mediaType(current))) {
                    current = MimeTree.open(MimeTree.decoded(current));
                    atMessage = true;
                }
                Multipart children = MimeTree.children(current, limits);
                if (children != null) {
                    if (index > children.getCount()) {
                        return Optional.empty();
                    }
                    current = (MimePart) children.getBodyPart(index - 1);
                } else if (!atMessage || index != 1) {
                    return Optional.empty();
                }
                atMessage = false;
            }
            MimeTree.Content content = MimeTree.read(current, MimeTree.WHOLE);
            return Optional.of(
                    content.length() == content.bytes().length
                            ? content.bytes()
                            : Arrays.copyOf(content.bytes(), content.length()));
        } catch (Exception | StackOverflowError e) {
            return Optional.empty();
        }
    }

    private static String mediaType(MimePart part) {
        return HeaderParams.parse(MimeTree.header(part, "Content-Type")).mediaType();
    }

    private static String decode(MimeTree.Node node) {
        MimeTree.Content content = MimeTree.read(node.part(), MimeTree.WHOLE);
        return TextDecoding.decode(
                content.bytes(), content.length(), node.contentType().get("charset"));
    }
}
