package org.atoll.eas.command;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.atoll.device.DeviceView;
import org.atoll.eas.EasProperties;
import org.atoll.eas.request.EasCommand;
import org.atoll.eas.request.EasProtocolVersion;
import org.atoll.mailbox.Attachment;
import org.atoll.mailbox.MailboxException;
import org.atoll.mailbox.Mailboxes;
import org.atoll.mailbox.MessageView;
import org.atoll.mime.MimeBodies;
import org.atoll.sync.BodyPreference;
import org.atoll.sync.ItemId;
import org.atoll.sync.ItemSyncs;
import org.atoll.wbxml.CodePage;
import org.atoll.wbxml.WbxmlElement;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * ItemOperations (MS-ASCMD 2.2.1.10) on the mailbox store: Fetch of a whole item or its body by BodyPreference,
 * Fetch of a Search result by its LongId, Fetch of an attachment by FileReference with an optional byte Range, EmptyFolderContents, and Move of a
 * conversation. Each operation gets its own Status; one failing does not stop the others.
 *
 * <p>One request is bounded: operations past {@link EasProperties#maxItemOperations()} get Status 2 and are not
 * run, and Fetches whose data would take the response past {@link EasProperties#maxItemOperationsBytes()} get
 * Status 11 without their data being read. The Fetch answers are built one at a time while the response is
 * written, so only one item or attachment is in memory at once.
 */
@Component
public class ItemOperationsCommand implements DocumentCommand {

    /** ItemOperations Status values, MS-ASCMD 2.2.3.177.7. */
    enum Status {
        SUCCESS(1),
        PROTOCOL_ERROR(2),
        SERVER_ERROR(3),
        NOT_FOUND(6),
        BAD_RANGE(8),
        UNKNOWN_STORE(9),
        TOO_LARGE(11),
        INVALID_ATTACHMENT(15);

        final int code;

        Status(int code) {
            this.code = code;
        }
    }

    private static final CodePage I = CodePage.ITEM_OPERATIONS;
    private static final CodePage A = CodePage.AIRSYNC;
    private static final CodePage BASE = CodePage.AIRSYNCBASE;
    private static final CodePage SEARCH = CodePage.SEARCH;

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
    public WbxmlElement refused(int status) {
        return WbxmlElement.of(I, "ItemOperations").add("Status", Integer.toString(status));
    }

    @Override
    public WbxmlElement handle(long accountId, DeviceView device, WbxmlElement request) {
        if (request.page() != I
                || !request.name().equals("ItemOperations")
                || request.children().isEmpty()) {
            return refused(Status.PROTOCOL_ERROR.code);
        }
        EasProtocolVersion version = EasCommandHandler.protocolVersion(device);
        List<WbxmlElement> operations = request.children();
        WbxmlElement[] changes = new WbxmlElement[operations.size()];
        for (int i = 0; i < operations.size() && i < properties.maxItemOperations(); i++) {
            WbxmlElement operation = operations.get(i);
            changes[i] = switch (operation.name()) {
                case "EmptyFolderContents" -> empty(accountId, device, operation);
                case "Move" -> move(accountId, device, operation);
                default -> null;
            };
        }
        Iterable<WbxmlElement> answers = () -> new Answers(accountId, operations, changes, version);
        return WbxmlElement.of(I, "ItemOperations")
                .add("Status", code(Status.SUCCESS))
                .add(WbxmlElement.streamed(I, "Response", answers));
    }

    /**
     * The answers in request order, a Fetch's built only when it is asked for, against a budget of
     * {@link EasProperties#maxItemOperationsBytes()} that each pass starts afresh. EmptyFolderContents and Move change
     * the mailbox, so they ran once, before the response, and their answers are only handed out here.
     */
    private final class Answers implements Iterator<WbxmlElement> {
        private final long accountId;
        private final List<WbxmlElement> operations;
        private final @Nullable WbxmlElement[] changes;
        private final EasProtocolVersion version;
        private long budget = properties.maxItemOperationsBytes();
        private int next;

        Answers(
                long accountId,
                List<WbxmlElement> operations,
                @Nullable WbxmlElement[] changes,
                EasProtocolVersion version) {
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
        public WbxmlElement next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            int index = next++;
            WbxmlElement operation = operations.get(index);
            if (index >= properties.maxItemOperations()) {
                return WbxmlElement.of(I, answerName(operation)).add("Status", code(Status.PROTOCOL_ERROR));
            }
            if (changes[index] != null) {
                return changes[index];
            }
            if (!operation.name().equals("Fetch")) {
                return WbxmlElement.of(I, answerName(operation)).add("Status", code(Status.PROTOCOL_ERROR));
            }
            Fetched fetched = fetch(accountId, operation, version, budget);
            budget -= fetched.bytes();
            return fetched.answer();
        }
    }

    /** The name an operation's answer takes: its own, or Fetch for an element that is no operation. */
    private static String answerName(WbxmlElement operation) {
        return I.hasTag(operation.name()) ? operation.name() : "Fetch";
    }

    /** A Fetch's answer and the bytes of data it carries, counted against the response's budget. */
    private record Fetched(WbxmlElement answer, long bytes) {

        static Fetched without(WbxmlElement answer) {
            return new Fetched(answer, 0);
        }
    }

    // ---- Fetch

    private Fetched fetch(long accountId, WbxmlElement fetch, EasProtocolVersion version, long budget) {
        WbxmlElement answer = WbxmlElement.of(I, "Fetch");
        if (!fetch.text(I, "Store").map("Mailbox"::equalsIgnoreCase).orElse(false)) {
            return Fetched.without(answer.add("Status", code(Status.UNKNOWN_STORE)));
        }
        Optional<WbxmlElement> options = fetch.child(I, "Options");
        Optional<String> fileReference = fetch.text(BASE, "FileReference");
        if (fileReference.isPresent()) {
            return attachment(accountId, answer, fileReference.get(), options, budget);
        }
        Optional<String> longId = fetch.text(SEARCH, "LongId");
        if (longId.isPresent()) {
            Optional<MessageView> message = ItemId.parse(longId.get())
                    .flatMap(id -> mailboxes.messages(accountId, List.of(id.messageId())).stream()
                            .findFirst());
            return item(
                    accountId, answer, message, options, version, budget, a -> a.add(SEARCH, "LongId", longId.get()));
        }
        Optional<String> collectionId = fetch.text(A, "CollectionId");
        Optional<String> serverId = fetch.text(A, "ServerId");
        if (collectionId.isEmpty() || serverId.isEmpty()) {
            return Fetched.without(answer.add("Status", code(Status.PROTOCOL_ERROR)));
        }
        Optional<ItemId> item = ItemId.parse(serverId.get())
                .filter(id -> WireNumbers.unsigned(collectionId.get()).orElse(-1L) == id.folderId());
        Optional<MessageView> message =
                item.flatMap(id -> mailboxes.messages(accountId, List.of(id.messageId())).stream()
                        .filter(m -> m.folderId() == id.folderId())
                        .findFirst());
        return item(
                accountId,
                answer,
                message,
                options,
                version,
                budget,
                a -> a.add(A, "CollectionId", collectionId.get()).add(A, "ServerId", serverId.get()));
    }

    /**
     * A Fetch of a whole item, named in the answer as the request named it: by CollectionId and ServerId, or by the
     * LongId of a Search result (MS-ASCMD 2.2.3.100.1).
     */
    private Fetched item(
            long accountId,
            WbxmlElement answer,
            Optional<MessageView> message,
            Optional<WbxmlElement> options,
            EasProtocolVersion version,
            long budget,
            UnaryOperator<WbxmlElement> named) {
        if (message.isEmpty()) {
            return Fetched.without(answer.add("Status", code(Status.NOT_FOUND)));
        }
        if (message.get().size() > budget) {
            return Fetched.without(named.apply(answer.add("Status", code(Status.TOO_LARGE))));
        }
        List<BodyPreference> preferences;
        int mimeSupport;
        try {
            preferences = options.map(BodyOptions::preferences).orElse(List.of());
            mimeSupport = options.flatMap(BodyOptions::mimeSupport).orElse(0);
        } catch (IllegalArgumentException e) {
            return Fetched.without(answer.add("Status", code(Status.PROTOCOL_ERROR)));
        }
        WbxmlElement data = emailItems.applicationData(accountId, message.get(), preferences, mimeSupport, version);
        WbxmlElement properties = WbxmlElement.of(I, "Properties");
        data.children().forEach(properties::add);
        named.apply(answer.add("Status", code(Status.SUCCESS)))
                .add(A, "Class", "Email")
                .add(properties);
        return new Fetched(answer, message.get().size());
    }

    /**
     * An attachment's bytes, base64 in Data, within the Range asked for (MS-ASCMD 2.2.3.143.2, inclusive ends). A
     * Range that starts past the last byte, an empty attachment's included, gets Status 8; data that would exceed
     * the budget gets Status 11 before the message is read.
     */
    private Fetched attachment(
            long accountId, WbxmlElement answer, String reference, Optional<WbxmlElement> options, long budget) {
        Optional<FileReference> parsed = FileReference.parse(reference);
        if (parsed.isEmpty()) {
            return refusedAttachment(answer, Status.INVALID_ATTACHMENT, reference);
        }
        Optional<MessageView> message = mailboxes
                .messages(accountId, List.of(parsed.get().messageId()))
                .stream()
                .findFirst();
        Optional<Attachment> attachment = message.flatMap(m -> m.attachments().stream()
                .filter(a -> a.partPath().equals(parsed.get().partPath()))
                .findFirst());
        if (attachment.isEmpty()) {
            return refusedAttachment(answer, Status.INVALID_ATTACHMENT, reference);
        }
        Optional<String> rangeText = options.flatMap(o -> o.text(I, "Range"));
        Optional<long[]> range = rangeText.flatMap(ItemOperationsCommand::range);
        if (rangeText.isPresent() && range.isEmpty()) {
            return refusedAttachment(answer, Status.BAD_RANGE, reference);
        }
        Optional<long[]> planned = slice(range, attachment.get().size());
        if (planned.isEmpty()) {
            return refusedAttachment(answer, Status.BAD_RANGE, reference);
        }
        if (planned.get()[1] - planned.get()[0] > budget) {
            return refusedAttachment(answer, Status.TOO_LARGE, reference);
        }
        byte[] content = MimeBodies.part(
                        mailboxes.rawMime(accountId, message.get().id()),
                        parsed.get().partPath())
                .orElse(new byte[0]);
        Optional<long[]> bounds = slice(range, content.length);
        if (bounds.isEmpty()) {
            return refusedAttachment(answer, Status.BAD_RANGE, reference);
        }
        int from = (int) bounds.get()[0];
        int to = (int) bounds.get()[1];
        if (to - from > budget) {
            return refusedAttachment(answer, Status.TOO_LARGE, reference);
        }
        byte[] slice = Arrays.copyOfRange(content, from, to);
        WbxmlElement properties = WbxmlElement.of(I, "Properties")
                .add(BASE, "ContentType", attachment.get().contentType());
        if (range.isPresent()) {
            properties.add("Range", from + "-" + (to - 1));
        }
        properties.add("Total", Long.toString(bounds.get()[2]));
        properties.add("Data", Base64.getEncoder().encodeToString(slice));
        answer.add("Status", code(Status.SUCCESS))
                .add(BASE, "FileReference", reference)
                .add(properties);
        return new Fetched(answer, slice.length);
    }

    private static Fetched refusedAttachment(WbxmlElement answer, Status status, String reference) {
        return Fetched.without(answer.add("Status", code(status)).add(BASE, "FileReference", reference));
    }

    /**
     * The bytes to send of content of {@code total} bytes, as {from, end exclusive, total}: all of it without a
     * range; with one, from its start to its end or the last byte, whichever comes first. Empty when the range
     * starts at or past {@code total}, which Status 8 answers (MS-ASCMD 2.2.3.177.8).
     */
    private static Optional<long[]> slice(Optional<long[]> range, long total) {
        if (range.isEmpty()) {
            return Optional.of(new long[] {0, total, total});
        }
        long from = range.get()[0];
        if (from >= total) {
            return Optional.empty();
        }
        return Optional.of(new long[] {from, Math.min(range.get()[1], total - 1) + 1, total});
    }

    private static Optional<long[]> range(String text) {
        int dash = text.indexOf('-');
        if (dash < 1 || dash == text.length() - 1) {
            return Optional.empty();
        }
        Optional<Long> from = WireNumbers.unsigned(text.substring(0, dash));
        Optional<Long> to = WireNumbers.unsigned(text.substring(dash + 1));
        if (from.isEmpty() || to.isEmpty() || to.get() < from.get()) {
            return Optional.empty();
        }
        return Optional.of(new long[] {from.get(), to.get()});
    }

    // ---- EmptyFolderContents and Move

    private WbxmlElement empty(long accountId, DeviceView device, WbxmlElement operation) {
        String collectionId = operation.text(A, "CollectionId").orElse("");
        WbxmlElement answer = WbxmlElement.of(I, "EmptyFolderContents");
        Optional<Long> folderId = WireNumbers.unsigned(collectionId);
        boolean withSubfolders = operation
                .child(I, "Options")
                .flatMap(o -> o.child(I, "DeleteSubFolders"))
                .isPresent();
        if (folderId.isEmpty()) {
            return answer.add("Status", code(Status.PROTOCOL_ERROR)).add(A, "CollectionId", collectionId);
        }
        boolean emptied;
        try {
            emptied = itemSyncs.emptyFolder(accountId, device.id(), folderId.get(), withSubfolders);
        } catch (MailboxException e) {
            emptied = false;
        }
        return answer.add("Status", code(emptied ? Status.SUCCESS : Status.NOT_FOUND))
                .add(A, "CollectionId", collectionId);
    }

    private WbxmlElement move(long accountId, DeviceView device, WbxmlElement operation) {
        WbxmlElement answer = WbxmlElement.of(I, "Move");
        Optional<byte[]> conversation = operation
                .child(I, "ConversationId")
                .flatMap(c -> c.opaque().or(() -> c.text().map(text -> text.getBytes(StandardCharsets.ISO_8859_1))));
        Optional<Long> target = operation.text(I, "DstFldId").flatMap(WireNumbers::unsigned);
        Optional<Long> thread = conversation.flatMap(EmailItems::threadOf);
        if (target.isEmpty() || thread.isEmpty()) {
            return answer.add("Status", code(Status.PROTOCOL_ERROR));
        }
        boolean moved;
        try {
            moved = itemSyncs.moveThread(accountId, device.id(), thread.get(), target.get());
        } catch (MailboxException e) {
            moved = false;
        }
        answer.add("Status", code(moved ? Status.SUCCESS : Status.NOT_FOUND));
        return answer.add(WbxmlElement.opaque(I, "ConversationId", conversation.get()));
    }

    private static String code(Status status) {
        return Integer.toString(status.code);
    }
}
