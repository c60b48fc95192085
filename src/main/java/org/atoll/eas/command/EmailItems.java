package org.atoll.eas.command;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.atoll.calendar.CalendarProtocol;
import org.atoll.calendar.MeetingMessages;
import org.atoll.eas.request.EasProtocolVersion;
import org.atoll.mailbox.Attachment;
import org.atoll.mailbox.Flag;
import org.atoll.mailbox.LastVerb;
import org.atoll.mailbox.Mailboxes;
import org.atoll.mailbox.MessageNotFound;
import org.atoll.mailbox.MessageView;
import org.atoll.mime.Bodies;
import org.atoll.mime.MimeBodies;
import org.atoll.mime.NoNul;
import org.atoll.sync.BodyPreference;
import org.atoll.wbxml.CodePage;
import org.atoll.wbxml.WbxmlElement;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Email items as ActiveSync sends them: the MS-ASEMAIL properties of a message, its body in the format a device
 * prefers (MS-ASAIRS 2.2.2.9 Body) and its attachments with the FileReference an ItemOperations Fetch resolves.
 */
@Component
class EmailItems {

    static final CodePage AIRSYNC = CodePage.AIRSYNC;
    static final CodePage EMAIL = CodePage.EMAIL;
    static final CodePage EMAIL2 = CodePage.EMAIL2;
    static final CodePage BASE = CodePage.AIRSYNCBASE;
    static final CodePage TASKS = CodePage.TASKS;

    /** MS-ASDTYPE 2.3 dateTime as ActiveSync writes it. */
    private static final DateTimeFormatter DATE =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    /** The first half of every ConversationId this server writes; the second half is the thread. */
    private static final long CONVERSATION_PREFIX = 0x41544f4c4c000000L;

    /** Body types of MS-ASAIRS 2.2.2.22.1. */
    static final int PLAIN = 1;

    static final int HTML = 2;
    static final int RTF = 3;
    static final int MIME = 4;

    private final Mailboxes mailboxes;

    EmailItems(Mailboxes mailboxes) {
        this.mailboxes = mailboxes;
    }

    /** The whole item, for a server Add or a Fetch, in the form of the device's protocol version. */
    WbxmlElement applicationData(
            long accountId,
            MessageView message,
            List<BodyPreference> preferences,
            int mimeSupport,
            EasProtocolVersion version) {
        return applicationData(accountId, message, null, preferences, mimeSupport, version);
    }

    /**
     * The whole item, with its raw MIME read beforehand (several items' in one read); null reads it now.
     */
    WbxmlElement applicationData(
            long accountId,
            MessageView message,
            byte @Nullable [] raw,
            List<BodyPreference> preferences,
            int mimeSupport,
            EasProtocolVersion version) {
        boolean v14 = version.atLeast(EasProtocolVersion.V14_0);
        WbxmlElement data = WbxmlElement.of(AIRSYNC, "ApplicationData");
        data.add(EMAIL, "To", message.to());
        if (!message.cc().isEmpty()) {
            data.add(EMAIL, "Cc", message.cc());
        }
        if (message.from() != null) {
            data.add(EMAIL, "From", message.from());
        }
        data.add(EMAIL, "Subject", message.subject() == null ? "" : message.subject());
        if (!message.replyTo().isEmpty()) {
            data.add(EMAIL, "ReplyTo", message.replyTo());
        }
        data.add(EMAIL, "DateReceived", DATE.format(message.receivedAt()));
        data.add(EMAIL, "DisplayTo", message.displayTo());
        if (message.threadTopic() != null) {
            data.add(EMAIL, "ThreadTopic", message.threadTopic());
        }
        data.add(EMAIL, "Importance", Integer.toString(message.importance().code()));
        data.add(EMAIL, "Read", message.read() ? "1" : "0");
        if (!message.attachments().isEmpty()) {
            WbxmlElement attachments = WbxmlElement.of(BASE, "Attachments");
            message.attachments().forEach(a -> attachments.add(attachment(message, a)));
            data.add(attachments);
        }
        byte[] mime = raw;
        if (mime == null && MeetingMessages.describesMeeting(message.messageClass())) {
            mime = rawMime(accountId, message.id());
        }
        body(accountId, message, mime, preferences, mimeSupport, v14).ifPresent(data::add);
        data.add(EMAIL, "MessageClass", message.messageClass());
        if (mime != null && MeetingMessages.describesMeeting(message.messageClass())) {
            meetingRequest(mime, message, version).ifPresent(data::add);
        }
        data.add(EMAIL, "InternetCPID", "65001");
        data.add(flag(message.flag()));
        data.add(
                EMAIL,
                "ContentClass",
                message.messageClass().equals(MeetingMessages.NOTE)
                        ? "urn:content-classes:message"
                        : MeetingMessages.CONTENT_CLASS);
        data.add(BASE, "NativeBodyType", Integer.toString(message.hasHtml() ? HTML : PLAIN));
        if (v14) {
            data.add(WbxmlElement.opaque(EMAIL2, "ConversationId", conversationId(message.threadId())));
            data.add(WbxmlElement.opaque(EMAIL2, "ConversationIndex", conversationIndex(message.receivedAt())));
            lastVerb(data, message);
        }
        data.add(categories(message.categories()));
        return data;
    }

    /**
     * The MeetingRequest element of an invitation or a cancellation (MS-ASEMAIL 2.2.2.48), read from the message's
     * iMIP part, in the form of the device's version (from 16.0 its Location is AirSyncBase's, MS-ASAIRS 2.2.2.27); empty when that part no longer reads as one, and the message is then shown as it is.
     */
    private static Optional<WbxmlElement> meetingRequest(byte[] raw, MessageView message, EasProtocolVersion version) {
        CalendarProtocol protocol = CalendarProtocol.of(version.text())
                .orElse(
                        version.atLeast(EasProtocolVersion.V14_0)
                                ? CalendarProtocol.EAS_14_1
                                : CalendarProtocol.EAS_12_1);
        return MimeBodies.calendar(raw)
                .flatMap(ics -> MeetingMessages.meetingRequest(ics, protocol, message.receivedAt()));
    }

    private byte @Nullable [] rawMime(long accountId, long messageId) {
        try {
            return mailboxes.rawMime(accountId, messageId);
        } catch (MessageNotFound e) {
            return null;
        }
    }

    /** An instant as ActiveSync writes a dateTime (MS-ASDTYPE 2.3). */
    static String dateTime(Instant instant) {
        return DATE.format(instant);
    }

    /** The raw MIME of several messages in one read, for rendering them together. */
    Map<Long, byte[]> rawMimes(long accountId, List<Long> messageIds) {
        return messageIds.isEmpty() ? Map.of() : mailboxes.rawMimes(accountId, messageIds);
    }

    /** What a server Change carries: the properties a message can change after delivery. */
    WbxmlElement changeData(MessageView message, boolean v14) {
        WbxmlElement data = WbxmlElement.of(AIRSYNC, "ApplicationData");
        data.add(EMAIL, "Read", message.read() ? "1" : "0");
        data.add(flag(message.flag()));
        if (v14) {
            lastVerb(data, message);
        }
        data.add(categories(message.categories()));
        return data;
    }

    /**
     * The body in the first preferred type this server renders: plain text, HTML (a plain body becomes escaped
     * HTML) or the raw MIME; RTF is never offered. With MIMESupport 2 a MIME preference wins over the others. No
     * preference at all gets the whole plain-text body. Empty when the message was deleted after it was chosen:
     * the item still goes out, without a body, and its Delete follows on the next Sync.
     */
    Optional<WbxmlElement> body(
            long accountId,
            MessageView message,
            byte @Nullable [] prefetched,
            List<BodyPreference> preferences,
            int mimeSupport,
            boolean v14) {
        BodyPreference chosen = choose(preferences, mimeSupport);
        byte[] raw = prefetched;
        if (raw == null) {
            try {
                raw = mailboxes.rawMime(accountId, message.id());
            } catch (MessageNotFound e) {
                return Optional.empty();
            }
        }
        String text;
        if (chosen.type() == MIME) {
            text = mimeText(raw);
        } else {
            Bodies bodies = MimeBodies.extract(raw);
            if (chosen.type() == HTML) {
                text = bodies.html() != null ? bodies.html() : htmlOf(bodies.plain() == null ? "" : bodies.plain());
            } else {
                text = bodies.plain() != null ? bodies.plain() : message.preview();
            }
        }
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        WbxmlElement body = WbxmlElement.of(BASE, "Body")
                .add("Type", Integer.toString(chosen.type()))
                .add("EstimatedDataSize", Integer.toString(utf8.length));
        Long limit = chosen.truncationSize();
        if (limit != null && utf8.length > limit) {
            body.add("Truncated", "1");
            if (!chosen.allOrNone()) {
                body.add("Data", truncate(text, limit));
            }
        } else {
            body.add("Data", text);
        }
        if (v14 && chosen.preview() > 0) {
            String preview = message.preview();
            body.add("Preview", preview.length() > chosen.preview() ? preview.substring(0, chosen.preview()) : preview);
        }
        return Optional.of(body);
    }

    private static BodyPreference choose(List<BodyPreference> preferences, int mimeSupport) {
        if (mimeSupport == 2) {
            Optional<BodyPreference> mime =
                    preferences.stream().filter(p -> p.type() == MIME).findFirst();
            if (mime.isPresent()) {
                return mime.get();
            }
        }
        return preferences.stream()
                .filter(p -> p.type() != RTF)
                .findFirst()
                .orElse(new BodyPreference(PLAIN, null, false, 0));
    }

    /** The longest prefix of {@code text} whose UTF-8 form fits in {@code limit} bytes, cut between characters. */
    static String truncate(String text, long limit) {
        int bytes = 0;
        int end = 0;
        while (end < text.length()) {
            int codePoint = text.codePointAt(end);
            int size = codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4;
            if (bytes + size > limit) {
                break;
            }
            bytes += size;
            end += Character.charCount(codePoint);
        }
        return text.substring(0, end);
    }

    /**
     * Raw MIME as text: UTF-8 when it is, else byte for byte as ISO-8859-1, so 8-bit bytes survive; a zero byte,
     * which an inline string cannot carry, becomes U+FFFD.
     */
    private static String mimeText(byte[] raw) {
        try {
            return NoNul.of(StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(raw))
                    .toString());
        } catch (CharacterCodingException e) {
            return NoNul.of(new String(raw, StandardCharsets.ISO_8859_1));
        }
    }

    private static String htmlOf(String plain) {
        StringBuilder html = new StringBuilder("<html><body><div>");
        for (char c : plain.toCharArray()) {
            switch (c) {
                case '<' -> html.append("&lt;");
                case '>' -> html.append("&gt;");
                case '&' -> html.append("&amp;");
                case '"' -> html.append("&quot;");
                case '\n' -> html.append("<br>");
                case '\r' -> {}
                default -> html.append(c);
            }
        }
        return html.append("</div></body></html>").toString();
    }

    private static WbxmlElement attachment(MessageView message, Attachment attachment) {
        WbxmlElement element = WbxmlElement.of(BASE, "Attachment")
                .add(
                        "DisplayName",
                        attachment.fileName() == null ? "attachment-" + attachment.partPath() : attachment.fileName())
                .add("FileReference", FileReference.of(message.id(), attachment.partPath()))
                .add("Method", attachment.contentType().equalsIgnoreCase("message/rfc822") ? "5" : "1")
                .add("EstimatedDataSize", Long.toString(attachment.size()));
        if (attachment.contentId() != null) {
            element.add("ContentId", attachment.contentId());
        }
        if (attachment.inline()) {
            element.add("IsInline", "1");
        }
        return element;
    }

    /** MS-ASEMAIL 2.2.2.27 Flag: empty when cleared; dates of the Tasks code page. */
    static WbxmlElement flag(Flag flag) {
        WbxmlElement element = WbxmlElement.of(EMAIL, "Flag");
        if (flag.status() == Flag.Status.CLEARED) {
            return element;
        }
        element.add("Status", Integer.toString(flag.status().code()));
        element.add("FlagType", "for Follow Up");
        if (flag.startAt() != null) {
            element.add(TASKS, "StartDate", DATE.format(flag.startAt()));
            element.add(TASKS, "UtcStartDate", DATE.format(flag.startAt()));
        }
        if (flag.dueAt() != null) {
            element.add(TASKS, "DueDate", DATE.format(flag.dueAt()));
            element.add(TASKS, "UtcDueDate", DATE.format(flag.dueAt()));
        }
        if (flag.completedAt() != null) {
            element.add("CompleteTime", DATE.format(flag.completedAt()));
            element.add(TASKS, "DateCompleted", DATE.format(flag.completedAt()));
        }
        return element;
    }

    private static void lastVerb(WbxmlElement data, MessageView message) {
        if (message.lastVerb() != LastVerb.NONE) {
            data.add(
                    EMAIL2,
                    "LastVerbExecuted",
                    Integer.toString(message.lastVerb().code()));
            if (message.lastVerbAt() != null) {
                data.add(EMAIL2, "LastVerbExecutionTime", DATE.format(message.lastVerbAt()));
            }
        }
    }

    private static WbxmlElement categories(List<String> values) {
        WbxmlElement categories = WbxmlElement.of(EMAIL, "Categories");
        values.forEach(category -> categories.add("Category", category));
        return categories;
    }

    /** MS-ASEMAIL 2.2.2.17 ConversationId: 16 bytes naming the thread. */
    static byte[] conversationId(long threadId) {
        return ByteBuffer.allocate(16)
                .putLong(0x41544f4c4c000000L)
                .putLong(threadId)
                .array();
    }

    /** The thread a ConversationId names, when it is one of this server's. */
    static Optional<Long> threadOf(byte[] conversationId) {
        if (conversationId.length != 16) {
            return Optional.empty();
        }
        ByteBuffer buffer = ByteBuffer.wrap(conversationId);
        return buffer.getLong() == CONVERSATION_PREFIX ? Optional.of(buffer.getLong()) : Optional.empty();
    }

    /**
     * MS-ASEMAIL 2.2.2.18 ConversationIndex: a header of one reserved byte and five bytes of the FILETIME the
     * conversation started at.
     */
    private static byte[] conversationIndex(Instant receivedAt) {
        long fileTime = (receivedAt.getEpochSecond() + 11_644_473_600L) * 10_000_000L + receivedAt.getNano() / 100;
        ByteBuffer index = ByteBuffer.allocate(6).put((byte) 1);
        for (int shift = 56; shift >= 24; shift -= 8) {
            index.put((byte) (fileTime >>> shift));
        }
        return index.array();
    }
}
