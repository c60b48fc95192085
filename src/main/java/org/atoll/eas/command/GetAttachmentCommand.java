package org.atoll.eas.command;

import java.util.List;
import java.util.Optional;
import org.atoll.device.DeviceView;
import org.atoll.eas.EasProperties;
import org.atoll.eas.request.EasCommand;
import org.atoll.eas.request.EasParameter;
import org.atoll.eas.request.EasRequest;
import org.atoll.mailbox.Attachment;
import org.atoll.mailbox.MailboxException;
import org.atoll.mailbox.Mailboxes;
import org.atoll.mailbox.MessageView;
import org.atoll.mime.MimeBodies;
import org.springframework.stereotype.Component;

/**
 * GetAttachment (MS-ASCMD 2.2.1.7): the attachment the {@code AttachmentName} request-line parameter names, by its
 * FileReference, answered as the HTTP body with its own Content-Type. The request has no body, and the command has no
 * Status element: errors are HTTP status codes. An attachment that cannot be retrieved is answered with HTTP 500, as
 * MS-ASCMD 2.2.1.7 gives for one deleted on the server; a FileReference of another account's message gets exactly
 * the same answer as one that names nothing. An {@code AttachmentName} that is no FileReference Atoll hands out is a
 * malformed request (HTTP 400), whoever's mailbox it would name. An attachment larger than
 * {@link EasProperties#maxItemOperationsBytes()} is refused the same way, with its own message, before it is read.
 */
@Component
final class GetAttachmentCommand implements HttpCommand {

    private static final int BAD_REQUEST = 400;
    private static final int NOT_RETRIEVED = 500;

    private final Mailboxes mailboxes;
    private final EasProperties properties;

    GetAttachmentCommand(Mailboxes mailboxes, EasProperties properties) {
        this.mailboxes = mailboxes;
        this.properties = properties;
    }

    @Override
    public EasCommand command() {
        return EasCommand.GET_ATTACHMENT;
    }

    @Override
    public EasAnswer handle(long accountId, DeviceView device, EasRequest request) {
        Optional<String> name = request.parameter(EasParameter.ATTACHMENT_NAME);
        if (name.isEmpty()) {
            return new EasAnswer.Http(BAD_REQUEST, "GetAttachment needs the AttachmentName parameter");
        }
        Optional<FileReference> reference = FileReference.parse(name.get());
        if (reference.isEmpty()) {
            return new EasAnswer.Http(BAD_REQUEST, "The AttachmentName is no FileReference of this server");
        }
        Optional<MessageView> message = mailboxes
                .messages(accountId, List.of(reference.get().messageId()))
                .stream()
                .findFirst();
        Optional<Attachment> attachment = message.flatMap(m -> m.attachments().stream()
                .filter(a -> a.partPath().equals(reference.get().partPath()))
                .findFirst());
        if (attachment.isEmpty()) {
            return notRetrieved();
        }
        long bound = properties.maxItemOperationsBytes();
        if (attachment.get().size() > bound) {
            return tooLarge(bound);
        }
        Optional<byte[]> content;
        try {
            content = MimeBodies.part(
                    mailboxes.rawMime(accountId, message.get().id()),
                    reference.get().partPath());
        } catch (MailboxException e) {
            return notRetrieved();
        }
        if (content.isEmpty()) {
            return notRetrieved();
        }
        if (content.get().length > bound) {
            return tooLarge(bound);
        }
        return new EasAnswer.Bytes(attachment.get().contentType(), content.get());
    }

    private static EasAnswer notRetrieved() {
        return new EasAnswer.Http(NOT_RETRIEVED, "No such attachment");
    }

    private static EasAnswer tooLarge(long bound) {
        return new EasAnswer.Http(NOT_RETRIEVED, "The attachment is larger than " + bound + " bytes");
    }
}
