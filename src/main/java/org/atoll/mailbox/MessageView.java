package org.atoll.mailbox;

import java.time.Instant;
import java.util.List;
import org.atoll.mime.Importance;
import org.jspecify.annotations.Nullable;

/**
 * A stored message's envelope and state, without its body.
 *
 * @param messageClass MS-ASEMAIL MessageClass: {@code IPM.Note}, or a meeting message's class
 */
public record MessageView(
        long id,
        long folderId,
        long threadId,
        Instant receivedAt,
        @Nullable Instant sentAt,
        @Nullable String subject,
        @Nullable String threadTopic,
        @Nullable String from,
        String to,
        String cc,
        String replyTo,
        String displayTo,
        @Nullable String messageIdHeader,
        @Nullable String inReplyTo,
        Importance importance,
        int size,
        String preview,
        boolean hasHtml,
        String messageClass,
        boolean malformed,
        boolean read,
        Flag flag,
        LastVerb lastVerb,
        @Nullable Instant lastVerbAt,
        List<String> categories,
        List<Attachment> attachments,
        long modseq)
        implements ItemView {}
