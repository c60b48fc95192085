package org.atoll.api;

import jakarta.validation.constraints.NotNull;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.atoll.mailbox.Attachment;
import org.atoll.mailbox.Flag;
import org.atoll.mailbox.FolderType;
import org.atoll.mailbox.FolderView;
import org.atoll.mailbox.LastVerb;
import org.atoll.mailbox.MessageView;
import org.atoll.mailbox.SystemFolder;
import org.atoll.mime.Bodies;
import org.atoll.mime.Importance;
import org.jspecify.annotations.Nullable;

/** What the mailbox resources read and write. */
final class MailboxDtos {

    private MailboxDtos() {}

    record FolderDto(
            long id,
            @Nullable Long parentId,
            String name,
            FolderType type,
            @Nullable SystemFolder role,
            long messageCount) {

        static FolderDto of(FolderView folder, long messageCount) {
            return new FolderDto(
                    folder.id(), folder.parentId(), folder.name(), folder.type(), folder.role(), messageCount);
        }
    }

    record CreateFolder(@NotNull String name, @Nullable Long parentId) {}

    record FlagDto(
            Flag.Status status,
            @Nullable Instant startAt,
            @Nullable Instant dueAt,
            @Nullable Instant completedAt) {}

    /** @param index the attachment's position, as in {@code /attachments/{index}} */
    record AttachmentDto(
            int index,
            @Nullable String fileName,
            String contentType,
            long size,
            @Nullable String contentId,
            boolean inline) {}

    record BodyDto(@Nullable String plain, @Nullable String html) {}

    /** @param body the message's text and HTML bodies; only in a single message's representation */
    record MessageDto(
            long id,
            long folderId,
            long threadId,
            Instant receivedAt,
            @Nullable Instant sentAt,
            @Nullable String subject,
            @Nullable String from,
            String to,
            String cc,
            String replyTo,
            @Nullable String messageIdHeader,
            Importance importance,
            int size,
            String preview,
            boolean hasHtml,
            boolean malformed,
            boolean read,
            FlagDto flag,
            LastVerb lastVerb,
            List<String> categories,
            List<AttachmentDto> attachments,
            @Nullable BodyDto body) {

        static MessageDto of(MessageView m, @Nullable Bodies bodies) {
            List<AttachmentDto> attachments = new ArrayList<>();
            for (int i = 0; i < m.attachments().size(); i++) {
                Attachment a = m.attachments().get(i);
                attachments.add(
                        new AttachmentDto(i, a.fileName(), a.contentType(), a.size(), a.contentId(), a.inline()));
            }
            return new MessageDto(
                    m.id(),
                    m.folderId(),
                    m.threadId(),
                    m.receivedAt(),
                    m.sentAt(),
                    m.subject(),
                    m.from(),
                    m.to(),
                    m.cc(),
                    m.replyTo(),
                    m.messageIdHeader(),
                    m.importance(),
                    m.size(),
                    m.preview(),
                    m.hasHtml(),
                    m.malformed(),
                    m.read(),
                    new FlagDto(
                            m.flag().status(),
                            m.flag().startAt(),
                            m.flag().dueAt(),
                            m.flag().completedAt()),
                    m.lastVerb(),
                    m.categories(),
                    attachments,
                    bodies == null ? null : new BodyDto(bodies.plain(), bodies.html()));
        }
    }

    /** Each field present changes that state; an absent one leaves it. */
    record UpdateMessage(@Nullable Boolean read, @Nullable Boolean flagged) {}

    record MoveMessage(@NotNull Long folderId) {}
}
