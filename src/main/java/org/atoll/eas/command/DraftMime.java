package org.atoll.eas.command;

import jakarta.activation.DataHandler;
import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.atoll.wbxml.CodePage;
import org.atoll.wbxml.WbxmlElement;
import org.jspecify.annotations.Nullable;

/**
 * The MIME message a draft's ApplicationData describes, as a device creates it (Sync Add) or edits it (Sync Change,
 * protocol 16.0 and later): MS-ASEMAIL To, Cc, Subject, Importance, Email2 Bcc, and the AirSyncBase Body (MS-ASAIRS
 * 2.2.2.9) of Type 1 (plain text), 2 (HTML) or 4 (MIME, which is then the whole message), and attachments added
 * (MS-ASAIRS 2.2.2.2 Add, each with a ClientId) and deleted (2.2.2.21 Delete, by FileReference). Angus Mail writes
 * the headers, so no value a device sends can add a header line of its own.
 *
 * <p>A draft with attachments is a multipart/mixed whose first part is the text and whose further parts are the
 * attachments, so an attachment's part path, and with it its FileReference, is its place in that list.
 */
final class DraftMime {

    private static final Session SESSION = Session.getInstance(new Properties());

    private static final CodePage BASE = CodePage.AIRSYNCBASE;

    /** Body type 4 of MS-ASAIRS 2.2.2.22.1: the Data is a whole MIME message. */
    private static final String MIME_BODY = "4";

    private DraftMime() {}

    /**
     * A draft as MIME, with the part path each attachment added by this request got.
     *
     * @param added part path by the attachment's ClientId, in the order the device sent them
     */
    record Draft(byte[] mime, Map<String, String> added) {}

    /** @throws IllegalArgumentException when an address list, the body or an attachment cannot be written as MIME */
    static byte[] of(WbxmlElement data, Clock clock) {
        return compose(null, -1, data, clock).mime();
    }

    /**
     * The draft a device creates ({@code current} null) or the draft it had after the device's changes, which name
     * only what changed: a field or Body left out keeps its value, an attachment not deleted stays.
     *
     * @param messageId the draft's message id, against which the FileReferences of deleted attachments are checked
     * @throws IllegalArgumentException when an address list, the body or an attachment cannot be written as MIME, or
     *     the device deletes an attachment the draft does not have
     */
    static Draft compose(byte @Nullable [] current, long messageId, WbxmlElement data, Clock clock) {
        try {
            Optional<WbxmlElement> body = data.child(BASE, "Body");
            if (body.flatMap(b -> b.text("Type")).filter(MIME_BODY::equals).isPresent()) {
                return new Draft(mimeData(body.get()), Map.of());
            }
            MimeMessage message = current == null
                    ? new MimeMessage(SESSION)
                    : new MimeMessage(SESSION, new ByteArrayInputStream(current));
            recipients(message, Message.RecipientType.TO, data.text(CodePage.EMAIL, "To"));
            recipients(message, Message.RecipientType.CC, data.text(CodePage.EMAIL, "Cc"));
            recipients(message, Message.RecipientType.BCC, data.text(CodePage.EMAIL2, "Bcc"));
            Optional<String> subject = data.text(CodePage.EMAIL, "Subject");
            if (subject.isPresent() || current == null) {
                message.setSubject(subject.orElse(""), "UTF-8");
            }
            message.setSentDate(Date.from(clock.instant()));
            Optional<String> importance = data.text(CodePage.EMAIL, "Importance");
            if (importance.isPresent()) {
                message.setHeader(
                        "Importance",
                        switch (importance.get()) {
                            case "0" -> "low";
                            case "2" -> "high";
                            default -> "normal";
                        });
            }

            boolean newText = body.isPresent() || current == null;
            List<BodyPart> attachments = current == null ? new ArrayList<>() : currentAttachments(message);
            Optional<WbxmlElement> changes = data.child(BASE, "Attachments");
            List<String> deleted = changes.map(a -> a.children(BASE, "Delete")).orElse(List.of()).stream()
                    .map(delete -> delete.text(BASE, "FileReference").orElse(""))
                    .toList();
            List<WbxmlElement> adds = changes.map(a -> a.children(BASE, "Add")).orElse(List.of());
            Map<String, String> added = new LinkedHashMap<>();
            if (newText || !deleted.isEmpty() || !adds.isEmpty()) {
                List<BodyPart> kept = new ArrayList<>();
                for (int i = 0; i < attachments.size(); i++) {
                    if (!deleted.contains(FileReference.of(messageId, Integer.toString(i + 2)))) {
                        kept.add(attachments.get(i));
                    }
                }
                if (attachments.size() - kept.size() != deleted.size()) {
                    throw new IllegalArgumentException("An attachment to delete is not the draft's");
                }
                for (WbxmlElement add : adds) {
                    String clientId = add.text(BASE, "ClientId").orElse("");
                    if (clientId.isEmpty() || clientId.length() > 64 || added.containsKey(clientId)) {
                        throw new IllegalArgumentException("An attachment needs a ClientId of its own");
                    }
                    kept.add(attachment(add));
                    added.put(clientId, Integer.toString(kept.size() + 1));
                }
                BodyPart text = newText ? text(body) : currentText(message);
                if (kept.isEmpty()) {
                    setContent(message, text);
                } else {
                    MimeMultipart mixed = new MimeMultipart("mixed");
                    mixed.addBodyPart(text);
                    for (BodyPart part : kept) {
                        mixed.addBodyPart(part);
                    }
                    message.setContent(mixed);
                }
            }
            message.saveChanges();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            message.writeTo(out);
            return new Draft(out.toByteArray(), added);
        } catch (MessagingException | IOException e) {
            throw new IllegalArgumentException("Not writable as MIME: " + e.getMessage(), e);
        }
    }

    /** The Data of a Type 4 Body: the message, as opaque bytes or as text. */
    private static byte[] mimeData(WbxmlElement body) {
        Optional<WbxmlElement> data = body.child("Data");
        byte[] mime = data.flatMap(WbxmlElement::opaque)
                .or(() -> data.flatMap(WbxmlElement::text).map(t -> t.getBytes(StandardCharsets.UTF_8)))
                .orElse(new byte[0]);
        if (mime.length == 0) {
            throw new IllegalArgumentException("A MIME body without data");
        }
        return mime;
    }

    private static BodyPart text(Optional<WbxmlElement> body) throws MessagingException {
        String data = body.flatMap(b -> b.text("Data")).orElse("");
        boolean html = body.flatMap(b -> b.text("Type")).map("2"::equals).orElse(false);
        MimeBodyPart text = new MimeBodyPart();
        text.setText(data, "UTF-8", html ? "html" : "plain");
        return text;
    }

    /** The draft's text as it is: the first part of a multipart/mixed, else the whole content as a part. */
    private static BodyPart currentText(MimeMessage message) throws MessagingException, IOException {
        Object content = message.getContent();
        if (message.isMimeType("multipart/mixed") && content instanceof Multipart mixed) {
            return mixed.getCount() > 0 ? mixed.getBodyPart(0) : text(Optional.empty());
        }
        MimeBodyPart text = new MimeBodyPart();
        if (content instanceof Multipart multipart) {
            text.setContent(multipart);
        } else {
            text.setContent(content, message.getContentType());
        }
        return text;
    }

    /** Makes the part's content the message's whole content. */
    private static void setContent(MimeMessage message, BodyPart text) throws MessagingException, IOException {
        Object content = text.getContent();
        if (content instanceof Multipart multipart) {
            message.setContent(multipart);
        } else {
            message.setContent(content, text.getDataHandler().getContentType());
        }
    }

    /** The parts after the text of a multipart/mixed draft: its attachments, part paths 2, 3, … */
    private static List<BodyPart> currentAttachments(MimeMessage message) throws MessagingException, IOException {
        List<BodyPart> attachments = new ArrayList<>();
        if (message.isMimeType("multipart/mixed") && message.getContent() instanceof Multipart mixed) {
            for (int i = 1; i < mixed.getCount(); i++) {
                attachments.add(mixed.getBodyPart(i));
            }
        }
        return attachments;
    }

    /** MS-ASAIRS 2.2.2.2 Add: Content, DisplayName and Method required; ContentType, ContentId, IsInline optional. */
    private static MimeBodyPart attachment(WbxmlElement add) throws MessagingException {
        Optional<WbxmlElement> content = add.child(BASE, "Content");
        byte[] bytes = content.flatMap(WbxmlElement::opaque)
                .or(() -> content.flatMap(WbxmlElement::text).map(t -> t.getBytes(StandardCharsets.UTF_8)))
                .orElseThrow(() -> new IllegalArgumentException("An attachment without Content"));
        String name = add.text(BASE, "DisplayName")
                .map(DraftMime::withoutControls)
                .filter(n -> !n.isBlank())
                .orElseThrow(() -> new IllegalArgumentException("An attachment without DisplayName"));
        boolean embeddedMessage = add.text(BASE, "Method").orElse("1").equals("5");
        String type = embeddedMessage
                ? "message/rfc822"
                : add.text(BASE, "ContentType")
                        .filter(t -> t.matches("[\\w.+-]+/[\\w.+-]+"))
                        .orElse("application/octet-stream");
        MimeBodyPart part = new MimeBodyPart();
        part.setDataHandler(new DataHandler(new ByteArrayDataSource(bytes, type)));
        part.setHeader("Content-Type", type);
        part.setFileName(name);
        boolean inline = add.text(BASE, "IsInline").map("1"::equals).orElse(false);
        part.setDisposition(inline ? Part.INLINE : Part.ATTACHMENT);
        Optional<String> contentId =
                add.text(BASE, "ContentId").filter(id -> id.matches("[\\x21-\\x7e&&[^<>]]{1,250}"));
        if (contentId.isPresent()) {
            part.setContentID("<" + contentId.get() + ">");
        }
        if (!embeddedMessage) {
            part.setHeader("Content-Transfer-Encoding", "base64");
        }
        return part;
    }

    /** A name as a header parameter may carry it: control characters (a line break among them) become spaces. */
    static String withoutControls(String text) {
        return text.codePoints()
                .map(c -> Character.isISOControl(c) ? ' ' : c)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
                .toString();
    }

    private static void recipients(MimeMessage message, Message.RecipientType type, Optional<String> list)
            throws MessagingException {
        if (list.isEmpty()) {
            return;
        }
        if (list.get().isBlank()) {
            message.removeHeader(
                    type == Message.RecipientType.TO ? "To" : type == Message.RecipientType.CC ? "Cc" : "Bcc");
            return;
        }
        try {
            message.setRecipients(type, InternetAddress.parse(list.get(), true));
        } catch (AddressException e) {
            throw new IllegalArgumentException("Not an address list: " + e.getMessage(), e);
        }
    }
}
