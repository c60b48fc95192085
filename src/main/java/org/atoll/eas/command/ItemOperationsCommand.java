package org.atoll.eas.command;

import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import org.atoll.device.DeviceView;
import org.atoll.eas.EasProperties;
import org.atoll.eas.message.ItemOperationsMessage;
import org.atoll.eas.message.ItemOperationsMessage.Answer;
import org.atoll.eas.message.ItemOperationsMessage.AttachmentContent;
import org.atoll.eas.message.ItemOperationsMessage.Emptied;
import org.atoll.eas.message.ItemOperationsMessage.EmptyFolderContents;
import org.atoll.eas.message.ItemOperationsMessage.Fetch;
import org.atoll.eas.message.ItemOperationsMessage.Fetched;
import org.atoll.eas.message.ItemOperationsMessage.ItemContent;
import org.atoll.eas.message.ItemOperationsMessage.Move;
import org.atoll.eas.message.ItemOperationsMessage.Moved;
import org.atoll.eas.message.ItemOperationsMessage.NotRun;
import org.atoll.eas.message.ItemOperationsMessage.Operation;
import org.atoll.eas.message.ItemOperationsMessage.Range;
import org.atoll.eas.message.ItemOperationsMessage.Request;
import org.atoll.eas.message.ItemOperationsMessage.Response;
import org.atoll.eas.message.ItemOperationsMessage.Status;
import org.atoll.eas.message.ItemOperationsMessage.Unknown;
import org.atoll.eas.request.EasCommand;
import org.atoll.eas.request.EasProtocolVersion;
import org.atoll.mailbox.Attachment;
import org.atoll.mailbox.MailboxException;
import org.atoll.mailbox.Mailboxes;
import org.atoll.mailbox.MessageView;
import org.atoll.mime.MimeBodies;
import org.atoll.sync.ItemId;
import org.atoll.sync.ItemSyncs;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * ItemOperations (MS-ASCMD 2.2.1.10) on the mailbox store: Fetch of a whole item or its body by BodyPreference,
 * Fetch of a Search result by its LongId, Fetch of an attachment by FileReference with an optional byte Range,
 * EmptyFolderContents, and Move of a conversation. Each operation gets its own Status; one failing does not stop the
 * others.
 *
 * <p>One request is bounded: operations past {@link EasProperties#maxItemOperations()} get Status 2 and are not
 * run, and Fetches whose data would take the response past {@link EasProperties#maxItemOperationsBytes()} get
 * Status 11 without their data being read. The Fetch answers are built one at a time while the response is
 * written, so only one item or attachment is in memory at once.
 */
@Component
class ItemOperationsCommand implements MessageCommand<Request, Response> {

    private final Mailboxes mailboxes;
    private final ItemSyncs itemSyncs;
    private final EmailItems emailItems;
    private final EasProperties properties;

    ItemOperationsCommand(Mailboxes mailboxes, ItemSyncs itemSyncs, EmailItems emailItems, EasProperties properties) {
        this.properties = properties;
        this.mailboxes = mailboxes;
        this.itemSyncs = itemSyncs;
        this.emailItems = emailItems;
    }

    @Override
    public EasCommand command() {
        return EasCommand.ITEM_OPERATIONS;
    }

    @Override
    public ItemOperationsMessage message() {
        return ItemOperationsMessage.INSTANCE;
    }

    @Override
    public Response serve(long accountId, DeviceView device, Request request) {
        EasProtocolVersion version = EasCommandHandler.protocolVersion(device);
        List<Operation> operations = request.operations();
        Answer[] changes = new Answer[operations.size()];
        for (int i = 0; i < operations.size() && i < properties.maxItemOperations(); i++) {
            changes[i] = switch (operations.get(i)) {
                case EmptyFolderContents empty -> empty(accountId, device, empty);
                case Move move -> move(accountId, device, move);
                case Fetch _, Unknown _ -> null;
            };
        }
        return new Response(() -> new Answers(accountId, operations, changes, version));
    }

    /**
     * The answers in request order, a Fetch's built only when it is asked for, against a budget of
     * {@link EasProperties#maxItemOperationsBytes()} that each pass starts afresh. EmptyFolderContents and Move change
     * the mailbox, so they ran once, before the response, and their answers are only handed out here.
     */
    private final class Answers implements Iterator<Answer> {
        private final long accountId;
        private final List<Operation> operations;
        private final @Nullable Answer[] changes;
        private final EasProtocolVersion version;
        private long budget = properties.maxItemOperationsBytes();
        private int next;

        Answers(long accountId, List<Operation> operations, @Nullable Answer[] changes, EasProtocolVersion version) {
            this.accountId = accountId;
            this.operations = operations;
            this.changes = changes;
            this.version = version;
        }

        @Override
        public boolean hasNext() {
            return next < operations.size();
        }

        @Override
        public Answer next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            int index = next++;
            Operation operation = operations.get(index);
            if (index >= properties.maxItemOperations()) {
                return new NotRun(operation.answerName(), Status.PROTOCOL_ERROR);
            }
            if (changes[index] != null) {
                return changes[index];
            }
            if (!(operation instanceof Fetch fetch)) {
                return new NotRun(operation.answerName(), Status.PROTOCOL_ERROR);
            }
            Charged fetched = fetch(accountId, fetch, version, budget);
            budget -= fetched.bytes();
            return fetched.answer();
        }
    }

    /** A Fetch's answer and the bytes of data it carries, counted against the response's budget. */
    private record Charged(Fetched answer, long bytes) {

        static Charged without(Fetched answer) {
            return new Charged(answer, 0);
        }
    }

    // ---- Fetch

    private Charged fetch(long accountId, Fetch fetch, EasProtocolVersion version, long budget) {
        if (!fetch.mailboxStore()) {
            return Charged.without(Fetched.status(Status.UNKNOWN_STORE));
        }
        if (fetch.fileReference() != null) {
            return attachment(accountId, fetch, fetch.fileReference(), budget);
        }
        if (fetch.longId() != null) {
            Optional<MessageView> message = ItemId.parse(fetch.longId())
                    .flatMap(id -> mailboxes.messages(accountId, List.of(id.messageId())).stream()
                            .findFirst());
            return item(accountId, message, fetch, version, budget, null, null, fetch.longId());
        }
        if (fetch.collectionId() == null || fetch.serverId() == null) {
            return Charged.without(Fetched.status(Status.PROTOCOL_ERROR));
        }
        long folderId = fetch.folderId() == null ? -1L : fetch.folderId();
        Optional<ItemId> item = ItemId.parse(fetch.serverId()).filter(id -> id.folderId() == folderId);
        Optional<MessageView> message =
                item.flatMap(id -> mailboxes.messages(accountId, List.of(id.messageId())).stream()
                        .filter(m -> m.folderId() == id.folderId())
                        .findFirst());
        return item(accountId, message, fetch, version, budget, fetch.collectionId(), fetch.serverId(), null);
    }

    /**
     * A Fetch of a whole item, named in the answer as the request named it: by CollectionId and ServerId, or by the
     * LongId of a Search result (MS-ASCMD 2.2.3.100.1).
     */
    private Charged item(
            long accountId,
            Optional<MessageView> message,
            Fetch fetch,
            EasProtocolVersion version,
            long budget,
            @Nullable String collectionId,
            @Nullable String serverId,
            @Nullable String longId) {
        if (message.isEmpty()) {
            return Charged.without(Fetched.status(Status.NOT_FOUND));
        }
        if (message.get().size() > budget) {
            return Charged.without(new Fetched(Status.TOO_LARGE, null, longId, collectionId, serverId, null));
        }
        if (fetch.options().malformedBody()) {
            return Charged.without(Fetched.status(Status.PROTOCOL_ERROR));
        }
        var data = emailItems.applicationData(
                accountId,
                message.get(),
                fetch.options().preferences(),
                fetch.options().mimeSupport(),
                version);
        return new Charged(
                new Fetched(Status.SUCCESS, null, longId, collectionId, serverId, new ItemContent("Email", data)),
                message.get().size());
    }

    /**
     * An attachment's bytes, base64 in Data, within the Range asked for (MS-ASCMD 2.2.3.143.2, inclusive ends). A
     * Range that starts past the last byte, an empty attachment's included, gets Status 8; data that would exceed
     * the budget gets Status 11 before the message is read.
     */
    private Charged attachment(long accountId, Fetch fetch, String reference, long budget) {
        Optional<FileReference> parsed = FileReference.parse(reference);
        if (parsed.isEmpty()) {
            return refusedAttachment(Status.INVALID_ATTACHMENT, reference);
        }
        Optional<MessageView> message = mailboxes
                .messages(accountId, List.of(parsed.get().messageId()))
                .stream()
                .findFirst();
        Optional<Attachment> attachment = message.flatMap(m -> m.attachments().stream()
                .filter(a -> a.partPath().equals(parsed.get().partPath()))
                .findFirst());
        if (attachment.isEmpty()) {
            return refusedAttachment(Status.INVALID_ATTACHMENT, reference);
        }
        if (fetch.options().malformedRange()) {
            return refusedAttachment(Status.BAD_RANGE, reference);
        }
        Optional<Range> range = Optional.ofNullable(fetch.options().range());
        Optional<long[]> planned = slice(range, attachment.get().size());
        if (planned.isEmpty()) {
            return refusedAttachment(Status.BAD_RANGE, reference);
        }
        if (planned.get()[1] - planned.get()[0] > budget) {
            return refusedAttachment(Status.TOO_LARGE, reference);
        }
        byte[] content = MimeBodies.part(
                        mailboxes.rawMime(accountId, message.get().id()),
                        parsed.get().partPath())
                .orElse(new byte[0]);
        Optional<long[]> bounds = slice(range, content.length);
        if (bounds.isEmpty()) {
            return refusedAttachment(Status.BAD_RANGE, reference);
        }
        int from = (int) bounds.get()[0];
        int to = (int) bounds.get()[1];
        if (to - from > budget) {
            return refusedAttachment(Status.TOO_LARGE, reference);
        }
        byte[] slice = Arrays.copyOfRange(content, from, to);
        AttachmentContent data = new AttachmentContent(
                attachment.get().contentType(),
                range.isPresent() ? new Range(from, to - 1) : null,
                bounds.get()[2],
                slice);
        return new Charged(new Fetched(Status.SUCCESS, reference, null, null, null, data), slice.length);
    }

    private static Charged refusedAttachment(Status status, String reference) {
        return Charged.without(new Fetched(status, reference, null, null, null, null));
    }

    /**
     * The bytes to send of content of {@code total} bytes, as {from, end exclusive, total}: all of it without a
     * range; with one, from its start to its end or the last byte, whichever comes first. Empty when the range
     * starts at or past {@code total}, which Status 8 answers (MS-ASCMD 2.2.3.177.8).
     */
    private static Optional<long[]> slice(Optional<Range> range, long total) {
        if (range.isEmpty()) {
            return Optional.of(new long[] {0, total, total});
        }
        long from = range.get().from();
        if (from >= total) {
            return Optional.empty();
        }
        return Optional.of(new long[] {from, Math.min(range.get().to(), total - 1) + 1, total});
    }

    // ---- EmptyFolderContents and Move

    private Emptied empty(long accountId, DeviceView device, EmptyFolderContents operation) {
        if (operation.folderId() == null) {
            return new Emptied(Status.PROTOCOL_ERROR, operation.collectionId());
        }
        boolean emptied;
        try {
            emptied = itemSyncs.emptyFolder(accountId, device.id(), operation.folderId(), operation.withSubfolders());
        } catch (MailboxException e) {
            emptied = false;
        }
        return new Emptied(emptied ? Status.SUCCESS : Status.NOT_FOUND, operation.collectionId());
    }

    private Moved move(long accountId, DeviceView device, Move operation) {
        byte[] conversation = operation.conversationId();
        Optional<Long> thread = conversation == null ? Optional.empty() : EmailItems.threadOf(conversation);
        if (operation.targetFolder() == null || thread.isEmpty()) {
            return new Moved(Status.PROTOCOL_ERROR, null);
        }
        boolean moved;
        try {
            moved = itemSyncs.moveThread(accountId, device.id(), thread.get(), operation.targetFolder());
        } catch (MailboxException e) {
            moved = false;
        }
        return new Moved(moved ? Status.SUCCESS : Status.NOT_FOUND, conversation);
    }
}
