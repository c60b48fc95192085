package org.atoll.mime;

import jakarta.mail.internet.MailDateFormat;
import jakarta.mail.internet.MimeMessage;
import java.io.InputStream;
import java.text.ParsePosition;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Reads the envelope of a message from its raw bytes (RFC 5322, MIME RFC 2045-2047, RFC 2231).
 *
 * <p>Total: every byte array yields a {@link ParsedMessage}. The header section is always read by a plain scan of the
 * bytes before the first empty line, so a message whose body cannot be parsed still gets its subject, addresses and
 * ids. The body structure is read with Angus Mail within {@link MimeLimits}; a truncated or broken structure, an
 * invalid header line, a message without any header field, or a limit reached sets {@code malformed}. The raw array
 * is shared, not copied; beyond it, memory stays within the limits plus at most one decoded copy of a multipart that
 * exceeds {@link MimeLimits#maxParts}.
 *
 * <p>Thread-safe; one instance can serve all callers.
 */
public final class MimeParser {

    private static final Pattern REPLY_PREFIX = Pattern.compile(
            "^(?:\\s*(?:re|fwd?|aw|wg|sv|vs|antw|tr|rv|odp|enc)\\s*(?:\\[\\d{1,4}]|\\(\\d{1,4}\\))?\\s*[:：])+\\s*",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern MESSAGE_ID = Pattern.compile("<([^<>]*)>");

    /**
     * One date parser for all callers, used under its own lock: it is not thread-safe, and building one per message
     * (a SimpleDateFormat with its calendar and locale data) cost more than parsing the date.
     */
    private static final MailDateFormat DATES = new MailDateFormat();

    private final MimeLimits limits;

    /** A parser with {@link MimeLimits#DEFAULTS}. */
    public MimeParser() {
        this(MimeLimits.DEFAULTS);
    }

    public MimeParser(MimeLimits limits) {
        this.limits = Objects.requireNonNull(limits);
    }

    /** The envelope of {@code raw}; never throws, whatever the bytes. */
    public ParsedMessage parse(byte[] raw) {
        return read(raw, false).envelope();
    }

    /**
     * The envelope of {@code raw} and its body as text, from one walk of its structure: the body the preview starts
     * is decoded once, whole, and the preview is taken from what {@link #parse} would have read of it, so both are
     * exactly what {@link #parse} and {@link MimeBodies#extract(byte[], MimeLimits)} with this parser's limits give.
     * Never throws, whatever the bytes.
     */
    public ParsedWithText parseWithText(byte[] raw) {
        return read(raw, true);
    }

    private ParsedWithText read(byte[] raw, boolean withText) {
        Structure structure;
        try {
            structure = structure(raw, withText);
        } catch (Exception | StackOverflowError e) {
            structure = new Structure("", false, List.of(), null, false, null);
        }
        String bodyText = "";
        if (withText) {
            bodyText = structure.bodyText() != null
                    ? structure.bodyText()
                    : MimeBodies.extract(raw, limits).text();
        }
        ParsedMessage envelope;
        try {
            envelope = envelope(HeaderFields.scan(raw, limits.maxHeaderChars()), raw.length, structure);
        } catch (RuntimeException e) {
            envelope = new ParsedMessage(
                    null,
                    null,
                    null,
                    null,
                    List.of(),
                    List.of(),
                    List.of(),
                    "",
                    null,
                    null,
                    null,
                    List.of(),
                    Importance.NORMAL,
                    raw.length,
                    structure.preview(),
                    structure.hasHtml(),
                    structure.attachments(),
                    structure.calendar(),
                    true);
        }
        return new ParsedWithText(envelope, bodyText);
    }

    /** @param bodyText the body as text when it was asked for and read, else null */
    private record Structure(
            String preview,
            boolean hasHtml,
            List<AttachmentInfo> attachments,
            @Nullable String calendar,
            boolean complete,
            @Nullable String bodyText) {}

    private Structure structure(byte[] raw, boolean withText) throws Exception {
        MimeMessage message = MimeTree.open(raw);
        MimeTree.Walk walk = MimeTree.walk(message, limits);
        boolean complete = walk.complete();
        MimeTree.Node plain = null;
        MimeTree.Node html = null;
        List<AttachmentInfo> attachments = new ArrayList<>();
        for (MimeTree.Node node : walk.leaves()) {
            if (plain == null && node.isBody("text/plain")) {
                plain = node;
            } else if (html == null && node.isBody("text/html")) {
                html = node;
            } else if (node.attachmentLike() || !node.mediaType().startsWith("text/")) {
                long size = MimeTree.decodedSize(node.part());
                complete &= size >= 0;
                attachments.add(new AttachmentInfo(
                        node.path(),
                        node.fileName() != null || !node.mediaType().equals("message/rfc822")
                                ? node.fileName()
                                : attachedMessageName(node),
                        node.mediaType(),
                        size >= 0 ? size : -1 - size,
                        node.contentId(),
                        node.contentId() != null
                                && !"attachment".equals(node.disposition().value())));
            }
        }
        String preview = "";
        String plainText = null;
        String htmlText = null;
        if (plain != null) {
            MimeTree.Content content;
            String scanned;
            if (withText) {
                MimeTree.Content whole = MimeTree.read(plain.part(), MimeTree.WHOLE);
                plainText = decode(whole, plain);
                content = whole.head(limits.previewScanBytes());
                scanned = content.truncated() ? text(content, plain) : plainText;
            } else {
                content = MimeTree.read(plain.part(), limits.previewScanBytes());
                scanned = text(content, plain);
            }
            complete &= !content.failed();
            preview = preview(scanned);
        }
        if (preview.isEmpty() && html != null) {
            MimeTree.Content content;
            String scanned;
            if (withText && plain == null) {
                MimeTree.Content whole = MimeTree.read(html.part(), MimeTree.WHOLE);
                htmlText = decode(whole, html);
                content = whole.head(limits.previewScanBytes());
                scanned = content.truncated() ? text(content, html) : htmlText;
            } else {
                content = MimeTree.read(html.part(), limits.previewScanBytes());
                scanned = text(content, html);
            }
            complete &= !content.failed();
            preview = preview(HtmlText.toText(scanned));
        }
        String calendar = MimeTree.calendarPart(walk.leaves())
                .flatMap(MimeTree::calendarText)
                .orElse(null);
        String bodyText = withText ? new Bodies(plainText, htmlText).text() : null;
        return new Structure(preview, html != null, attachments, calendar, complete, bodyText);
    }

    private ParsedMessage envelope(HeaderFields headers, int size, Structure structure) {
        String subject = text(headers.first("Subject"));
        String topic = text(headers.first("Thread-Topic"));
        if (topic == null && subject != null) {
            topic = REPLY_PREFIX.matcher(subject).replaceFirst("");
        }
        List<Addresses.Mailbox> from = Addresses.parse(headers.first("From"));
        List<Addresses.Mailbox> to = addresses(headers, "To");
        List<String> displayTo = new ArrayList<>();
        for (Addresses.Mailbox mailbox : to) {
            displayTo.add(mailbox.displayName());
        }
        List<String> references = ids(headers.first("References"));
        List<String> inReplyTo = ids(headers.first("In-Reply-To"));
        List<String> messageIds = ids(headers.first("Message-ID"));
        return new ParsedMessage(
                subject,
                topic,
                from.isEmpty() ? null : from.getFirst().formatted(),
                from.isEmpty() || from.getFirst().address().isEmpty()
                        ? null
                        : from.getFirst().address(),
                formatted(to),
                formatted(addresses(headers, "Cc")),
                formatted(addresses(headers, "Reply-To")),
                String.join("; ", displayTo),
                date(headers.first("Date")),
                messageIds.isEmpty() ? null : messageIds.getFirst(),
                inReplyTo.isEmpty() ? null : inReplyTo.getFirst(),
                references,
                importance(headers),
                size,
                structure.preview(),
                structure.hasHtml(),
                structure.attachments(),
                structure.calendar(),
                !headers.wellFormed() || !structure.complete());
    }

    /** The whole decoded content as {@link MimeBodies} decodes a body. */
    private static String decode(MimeTree.Content whole, MimeTree.Node node) {
        return TextDecoding.decode(
                whole.bytes(), whole.length(), node.contentType().get("charset"));
    }

    private String text(MimeTree.Content content, MimeTree.Node node) {
        int length = content.truncated()
                ? TextDecoding.trimCutSequence(content.bytes(), content.length())
                : content.length();
        return TextDecoding.decode(content.bytes(), length, node.contentType().get("charset"));
    }

    /** Collapses whitespace and stops at the preview length, so a long body costs no more than a short one. */
    private String preview(String text) {
        int max = limits.previewChars();
        StringBuilder preview = new StringBuilder(Math.min(max, text.length()));
        boolean pendingSpace = false;
        for (int i = 0; i < text.length() && preview.length() < max; i++) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c) || Character.isSpaceChar(c) || c == '\u200B') {
                pendingSpace = preview.length() > 0;
                continue;
            }
            if (pendingSpace) {
                preview.append(' ');
                pendingSpace = false;
                if (preview.length() == max) {
                    break;
                }
            }
            preview.append(c);
        }
        int end = preview.length();
        if (end > 0 && end == max && Character.isHighSurrogate(preview.charAt(end - 1))) {
            end--;
        }
        return preview.substring(0, end);
    }

    private static String attachedMessageName(MimeTree.Node node) {
        String subject = null;
        try (InputStream in = MimeTree.decoded(node.part())) {
            subject = text(MimeTree.headers(in).getHeader("Subject", null));
        } catch (Exception e) {
            subject = null;
        }
        if (subject == null || subject.isBlank()) {
            return "message.eml";
        }
        return subject.replaceAll("[/\\\\]", "_") + ".eml";
    }

    private static List<Addresses.Mailbox> addresses(HeaderFields headers, String name) {
        List<Addresses.Mailbox> all = new ArrayList<>();
        for (String value : headers.all(name)) {
            all.addAll(Addresses.parse(value));
        }
        return all;
    }

    private static List<String> formatted(List<Addresses.Mailbox> mailboxes) {
        return mailboxes.stream().map(Addresses.Mailbox::formatted).toList();
    }

    /** Unfolded, 8-bit and RFC 2047 decoded, control characters removed. */
    private static @Nullable String text(@Nullable String value) {
        if (value == null) {
            return null;
        }
        String decoded = EncodedWords.decode(
                TextDecoding.rawHeader(value.replace("\r", "").replace("\n", "")));
        return decoded.replaceAll("[\\p{Cntrl}&&[^\\t]]", "").replace('\t', ' ').strip();
    }

    /** Message ids in angle brackets, else whitespace separated tokens (RFC 5322 section 3.6.4). */
    private static List<String> ids(@Nullable String value) {
        if (value == null || value.isBlank()) {
            return List.of();
        }
        List<String> ids = new ArrayList<>();
        Matcher matcher = MESSAGE_ID.matcher(value);
        while (matcher.find()) {
            String id = matcher.group(1).strip();
            if (!id.isEmpty()) {
                ids.add(id);
            }
        }
        if (ids.isEmpty()) {
            for (String token : value.strip().split("[\\s,]+")) {
                if (!token.isEmpty()) {
                    ids.add(token);
                }
            }
        }
        return ids;
    }

    private static @Nullable Instant date(@Nullable String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            Date date;
            synchronized (DATES) {
                date = DATES.parse(value, new ParsePosition(0));
            }
            return date == null ? null : date.toInstant();
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** Importance (RFC 2156), else X-Priority (1-2 high, 4-5 low), X-MSMail-Priority, Priority (RFC 2156). */
    private static Importance importance(HeaderFields headers) {
        String importance = lower(headers.first("Importance"));
        if (importance != null) {
            if (importance.startsWith("high")) {
                return Importance.HIGH;
            }
            if (importance.startsWith("low")) {
                return Importance.LOW;
            }
            if (importance.startsWith("normal")) {
                return Importance.NORMAL;
            }
        }
        String priority = lower(headers.first("X-Priority"));
        if (priority != null && !priority.isEmpty()) {
            char level = priority.charAt(0);
            if (level == '1' || level == '2') {
                return Importance.HIGH;
            }
            if (level == '4' || level == '5') {
                return Importance.LOW;
            }
            if (level == '3') {
                return Importance.NORMAL;
            }
        }
        String msMail = lower(headers.first("X-MSMail-Priority"));
        if (msMail != null) {
            if (msMail.startsWith("high")) {
                return Importance.HIGH;
            }
            if (msMail.startsWith("low")) {
                return Importance.LOW;
            }
        }
        String rfc2156 = lower(headers.first("Priority"));
        if ("urgent".equals(rfc2156)) {
            return Importance.HIGH;
        }
        if ("non-urgent".equals(rfc2156)) {
            return Importance.LOW;
        }
        return Importance.NORMAL;
    }

    private static @Nullable String lower(@Nullable String value) {
        return value == null ? null : value.strip().toLowerCase(Locale.ROOT);
    }
}
