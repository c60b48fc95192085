package org.atoll.mime;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The envelope of a message, as listed to devices (MS-ASEMAIL) and stored next to the raw MIME. No text in it holds
 * U+0000 ({@link NoNul}).
 *
 * @param subject RFC 2047 decoded and unfolded
 * @param threadTopic the Thread-Topic header, or else the subject without reply and forward prefixes
 *     ("Re:", "Fwd:", "AW:", "WG:", "Sv:" and the like, repeated); for conversation grouping
 * @param from the first From address formatted as {@code Display Name <addr>}
 * @param fromAddress the bare first From address, as given
 * @param to formatted To addresses, groups expanded
 * @param cc formatted Cc addresses
 * @param replyTo formatted Reply-To addresses
 * @param displayTo the display names of To (the address where there is none) joined by "; " (MS-ASEMAIL DisplayTo)
 * @param date the Date header; null when missing or unreadable
 * @param messageId Message-ID without angle brackets
 * @param inReplyTo the first In-Reply-To id without angle brackets
 * @param references References ids without angle brackets, in order
 * @param importance from Importance, X-Priority, X-MSMail-Priority or Priority, in that order of precedence
 * @param size length of the raw message in bytes
 * @param preview the start of the plain text body, or of the HTML body as text, whitespace collapsed
 * @param hasHtml whether a text/html body exists
 * @param attachments attachments in part order, inline images included
 * @param calendar the text of the message's iMIP part (RFC 6047), an invitation or an answer to one; null for none
 * @param malformed true when the message could not be parsed fully and the envelope is a best effort
 */
public record ParsedMessage(
        @Nullable String subject,
        @Nullable String threadTopic,
        @Nullable String from,
        @Nullable String fromAddress,
        List<String> to,
        List<String> cc,
        List<String> replyTo,
        String displayTo,
        @Nullable Instant date,
        @Nullable String messageId,
        @Nullable String inReplyTo,
        List<String> references,
        Importance importance,
        int size,
        String preview,
        boolean hasHtml,
        List<AttachmentInfo> attachments,
        @Nullable String calendar,
        boolean malformed) {

    public ParsedMessage {
        subject = NoNul.ofNullable(subject);
        threadTopic = NoNul.ofNullable(threadTopic);
        from = NoNul.ofNullable(from);
        fromAddress = NoNul.ofNullable(fromAddress);
        to = NoNul.of(to);
        cc = NoNul.of(cc);
        replyTo = NoNul.of(replyTo);
        displayTo = NoNul.of(displayTo);
        messageId = NoNul.ofNullable(messageId);
        inReplyTo = NoNul.ofNullable(inReplyTo);
        references = NoNul.of(references);
        preview = NoNul.of(preview);
        attachments = List.copyOf(attachments);
        calendar = NoNul.ofNullable(calendar);
    }
}
