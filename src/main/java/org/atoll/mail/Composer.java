package org.atoll.mail;

import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.InternetHeaders;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.atoll.mime.Bodies;
import org.atoll.mime.MimeBodies;
import org.atoll.mime.MimeParser;
import org.atoll.mime.ParsedMessage;
import org.jspecify.annotations.Nullable;

/**
 * What SmartReply and SmartForward add to the device's message when it did not send the whole message
 * (MS-ASCMD 2.2.1.19, 2.2.1.20; no ReplaceMime): the original's text below the device's, quoted for a reply, and for
 * a forward the original's attachments attached, the way Exchange composes them.
 */
final class Composer {

    private static final DateTimeFormatter SENT = DateTimeFormatter.ofPattern(
                    "EEEE, d MMMM yyyy HH:mm 'UTC'", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);

    private final MimeParser parser = new MimeParser();

    /** The reply: the device's text, then the original's header summary and its text quoted. */
    byte[] reply(MimeMessage message, byte[] original) throws MessagingException, IOException {
        appendText(message, original, true);
        return finish(message);
    }

    /** The forward: the device's text, then the original's header summary and text, and its attachments. */
    byte[] forward(MimeMessage message, byte[] original) throws MessagingException, IOException {
        appendText(message, original, false);
        byte[] withText = finish(message);
        List<MimeBodyPart> attachments = attachmentsOf(MimeMessages.parse(original));
        if (attachments.isEmpty()) {
            return withText;
        }
        MimeMessage composed = MimeMessages.parse(withText);
        String messageId = composed.getHeader("Message-ID", null);
        MimeMultipart mixed;
        if (composed.isMimeType("multipart/mixed")) {
            mixed = (MimeMultipart) composed.getContent();
        } else {
            mixed = new MimeMultipart("mixed");
            mixed.addBodyPart(contentAsPart(composed));
        }
        for (MimeBodyPart attachment : attachments) {
            mixed.addBodyPart(attachment);
        }
        composed.setContent(mixed);
        composed.saveChanges();
        restoreMessageId(composed, messageId);
        return MimeMessages.bytes(composed);
    }

    private void appendText(MimeMessage message, byte[] original, boolean quote)
            throws MessagingException, IOException {
        ParsedMessage parsed = parser.parse(original);
        Bodies bodies = MimeBodies.extract(original);
        String summary = summary(parsed);
        String originalText =
                bodies.plain() != null ? bodies.plain() : bodies.html() != null ? textOfHtml(bodies.html()) : "";
        String plainAddition = "\r\n\r\n" + summary + "\r\n" + (quote ? quoted(originalText) : originalText);
        String htmlAddition = "<hr><div>" + escape(summary).replace("\r\n", "<br>") + "</div>"
                + (quote ? "<blockquote style=\"margin:0 0 0 .8ex;border-left:1px solid #ccc;padding-left:1ex\">" : "")
                + (bodies.html() != null ? innerBody(bodies.html()) : "<pre>" + escape(originalText) + "</pre>")
                + (quote ? "</blockquote>" : "");
        Part plain = firstBody(message, "text/plain");
        Part html = firstBody(message, "text/html");
        if (plain == null && html == null) {
            throw new InvalidMessage("The message has no text to add the original to");
        }
        if (plain != null) {
            plain.setContent(text(plain) + plainAddition, "text/plain; charset=utf-8");
        }
        if (html != null) {
            String own = text(html);
            int end = own.toLowerCase(Locale.ROOT).lastIndexOf("</body>");
            String merged = end >= 0 ? own.substring(0, end) + htmlAddition + own.substring(end) : own + htmlAddition;
            html.setContent(merged, "text/html; charset=utf-8");
        }
    }

    private static byte[] finish(MimeMessage message) throws MessagingException {
        String messageId = message.getHeader("Message-ID", null);
        message.saveChanges();
        restoreMessageId(message, messageId);
        return MimeMessages.bytes(message);
    }

    /** {@code saveChanges} makes up a new Message-ID; the device's own stays, the sent copy is found by it. */
    private static void restoreMessageId(MimeMessage message, @Nullable String messageId) throws MessagingException {
        if (messageId != null) {
            message.setHeader("Message-ID", messageId);
        }
    }

    private static String summary(ParsedMessage parsed) {
        StringBuilder out = new StringBuilder("-----Original Message-----\r\n");
        if (parsed.from() != null) {
            out.append("From: ").append(MimeMessages.headerText(parsed.from())).append("\r\n");
        }
        if (parsed.date() != null) {
            out.append("Sent: ").append(SENT.format(parsed.date())).append("\r\n");
        }
        if (!parsed.to().isEmpty()) {
            out.append("To: ")
                    .append(MimeMessages.headerText(String.join(", ", parsed.to())))
                    .append("\r\n");
        }
        if (!parsed.cc().isEmpty()) {
            out.append("Cc: ")
                    .append(MimeMessages.headerText(String.join(", ", parsed.cc())))
                    .append("\r\n");
        }
        out.append("Subject: ")
                .append(parsed.subject() == null ? "" : MimeMessages.headerText(parsed.subject()))
                .append("\r\n");
        return out.toString();
    }

    private static String quoted(String text) {
        StringBuilder out = new StringBuilder();
        for (String line : text.split("\r\n|\n|\r", -1)) {
            out.append(line.isEmpty() || line.startsWith(">") ? ">" : "> ")
                    .append(line)
                    .append("\r\n");
        }
        return out.toString();
    }

    /** The first text part of this type that is the message's body rather than an attachment. */
    private static @Nullable Part firstBody(Part part, String type) throws MessagingException, IOException {
        if (part.isMimeType("multipart/*") && part.getContent() instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                Part found = firstBody(multipart.getBodyPart(i), type);
                if (found != null) {
                    return found;
                }
            }
            return null;
        }
        boolean attachment = Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition()) || part.getFileName() != null;
        return part.isMimeType(type) && !attachment ? part : null;
    }

    private static String text(Part part) throws MessagingException, IOException {
        Object content = part.getContent();
        if (content instanceof String s) {
            return s;
        }
        try (InputStream in = part.getInputStream()) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    /** The original's parts that are not its body text: files, inline images, attached messages. */
    private static List<MimeBodyPart> attachmentsOf(MimeMessage original) throws MessagingException, IOException {
        Part plain = firstBody(original, "text/plain");
        Part html = firstBody(original, "text/html");
        List<MimeBodyPart> found = new ArrayList<>();
        collect(original, plain, html, found, 0);
        return found;
    }

    private static void collect(
            Part part, @Nullable Part plain, @Nullable Part html, List<MimeBodyPart> found, int depth)
            throws MessagingException, IOException {
        if (depth > 20) {
            return;
        }
        if (part.isMimeType("multipart/*") && part.getContent() instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                collect(multipart.getBodyPart(i), plain, html, found, depth + 1);
            }
        } else if (part != plain && part != html && part instanceof BodyPart bodyPart) {
            ByteArrayOutputStream copy = new ByteArrayOutputStream();
            bodyPart.writeTo(copy);
            found.add(new MimeBodyPart(new java.io.ByteArrayInputStream(copy.toByteArray())));
        }
    }

    /** The message's own content, headers and all, as the first part of a new multipart/mixed. */
    private static MimeBodyPart contentAsPart(MimeMessage message) throws MessagingException, IOException {
        InternetHeaders headers = new InternetHeaders();
        headers.setHeader("Content-Type", new ContentType(message.getContentType()).toString());
        String encoding = message.getEncoding();
        if (encoding != null) {
            headers.setHeader("Content-Transfer-Encoding", encoding);
        }
        try (InputStream raw = message.getRawInputStream()) {
            return new MimeBodyPart(headers, raw.readAllBytes());
        }
    }

    private static String innerBody(String html) {
        String lower = html.toLowerCase(Locale.ROOT);
        int open = lower.indexOf("<body");
        int start = open < 0 ? -1 : lower.indexOf('>', open);
        int end = lower.lastIndexOf("</body>");
        return start >= 0 && end > start ? html.substring(start + 1, end) : html;
    }

    private static String textOfHtml(String html) {
        StringBuilder out = new StringBuilder();
        boolean inTag = false;
        for (char c : innerBody(html).toCharArray()) {
            if (c == '<') {
                inTag = true;
            } else if (c == '>') {
                inTag = false;
            } else if (!inTag) {
                out.append(c);
            }
        }
        return out.toString().strip();
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
