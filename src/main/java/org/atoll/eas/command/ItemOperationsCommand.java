package org.atoll.eas.command;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.atoll.device.DeviceView;
import org.atoll.eas.request.EasCommand;
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
import org.springframework.stereotype.Component;

/**
 * ItemOperations (MS-ASCMD 2.2.1.10) on the mailbox store: Fetch of a whole item or its body by BodyPreference,
 * Fetch of an attachment by FileReference with an optional byte Range, EmptyFolderContents, and Move of a
 * conversation. Each operation gets its own Status; one failing does not stop the others.
 */
@Component
public class ItemOperationsCommand implements EasCommandHandler {

    /** ItemOperations Status values, MS-ASCMD 2.2.3.177.7. */
    enum Status {
        SUCCESS(1),
        PROTOCOL_ERROR(2),
        SERVER_ERROR(3),
        NOT_FOUND(6),
        BAD_RANGE(8),
        UNKNOWN_STORE(9),
        INVALID_ATTACHMENT(15);

        final int code;

        Status(int code) {
            this.code = code;
        }
    }

    /** The most operations one request may carry. */
    static final int MAX_OPERATIONS = 100;

    private static final CodePage I = CodePage.ITEM_OPERATIONS;
    private static final CodePage A = CodePage.AIRSYNC;
    private static final CodePage BASE = CodePage.AIRSYNCBASE;

    private final Mailboxes mailboxes;
    private final ItemSyncs itemSyncs;
    private final EmailItems emailItems;

    ItemOperationsCommand(Mailboxes mailboxes, ItemSyncs itemSyncs, EmailItems emailItems) {
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
                || request.children().isEmpty()
                || request.children().size() > MAX_OPERATIONS) {
            return refused(Status.PROTOCOL_ERROR.code);
        }
        boolean v14 = device.protocolVersion().startsWith("14");
        WbxmlElement response = WbxmlElement.of(I, "Response");
        for (WbxmlElement operation : request.children()) {
            response.add(
                    switch (operation.name()) {
                        case "Fetch" -> fetch(accountId, operation, v14);
                        case "EmptyFolderContents" -> empty(accountId, device, operation);
                        case "Move" -> move(accountId, device, operation);
                        default -> WbxmlElement.of(I, operation.name()).add("Status", code(Status.PROTOCOL_ERROR));
                    });
        }
        return WbxmlElement.of(I, "ItemOperations")
                .add("Status", code(Status.SUCCESS))
                .add(response);
    }

    // ---- Fetch

    private WbxmlElement fetch(long accountId, WbxmlElement fetch, boolean v14) {
        WbxmlElement answer = WbxmlElement.of(I, "Fetch");
        if (!fetch.text(I, "Store").map("Mailbox"::equalsIgnoreCase).orElse(false)) {
            return answer.add("Status", code(Status.UNKNOWN_STORE));
        }
        Optional<WbxmlElement> options = fetch.child(I, "Options");
        Optional<String> fileReference = fetch.text(BASE, "FileReference");
        if (fileReference.isPresent()) {
            return attachment(accountId, answer, fileReference.get(), options);
        }
        Optional<String> collectionId = fetch.text(A, "CollectionId");
        Optional<String> serverId = fetch.text(A, "ServerId");
        if (collectionId.isEmpty() || serverId.isEmpty()) {
            return answer.add("Status", code(Status.PROTOCOL_ERROR));
        }
        Optional<ItemId> item = ItemId.parse(serverId.get())
                .filter(id -> WireNumbers.unsigned(collectionId.get()).orElse(-1L) == id.folderId());
        Optional<MessageView> message =
                item.flatMap(id -> mailboxes.messages(accountId, List.of(id.messageId())).stream()
                        .filter(m -> m.folderId() == id.folderId())
                        .findFirst());
        if (message.isEmpty()) {
            return answer.add("Status", code(Status.NOT_FOUND));
        }
        List<BodyPreference> preferences;
        int mimeSupport;
        try {
            preferences = options.map(BodyOptions::preferences).orElse(List.of());
            mimeSupport = options.flatMap(BodyOptions::mimeSupport).orElse(0);
        } catch (IllegalArgumentException e) {
            return answer.add("Status", code(Status.PROTOCOL_ERROR));
        }
        WbxmlElement data = emailItems.applicationData(accountId, message.get(), preferences, mimeSupport, v14);
        WbxmlElement properties = WbxmlElement.of(I, "Properties");
        data.children().forEach(properties::add);
        return answer.add("Status", code(Status.SUCCESS))
                .add(A, "CollectionId", collectionId.get())
                .add(A, "ServerId", serverId.get())
                .add(A, "Class", "Email")
                .add(properties);
    }

    /** An attachment's bytes, base64 in Data, within the Range asked for (MS-ASCMD 2.2.3.143, inclusive ends). */
    private WbxmlElement attachment(
            long accountId, WbxmlElement answer, String reference, Optional<WbxmlElement> options) {
        Optional<FileReference> parsed = FileReference.parse(reference);
        if (parsed.isEmpty()) {
            return answer.add("Status", code(Status.INVALID_ATTACHMENT)).add(BASE, "FileReference", reference);
        }
        Optional<MessageView> message = mailboxes
                .messages(accountId, List.of(parsed.get().messageId()))
                .stream()
                .findFirst();
        Optional<Attachment> attachment = message.flatMap(m -> m.attachments().stream()
                .filter(a -> a.partPath().equals(parsed.get().partPath()))
                .findFirst());
        if (attachment.isEmpty()) {
            return answer.add("Status", code(Status.INVALID_ATTACHMENT)).add(BASE, "FileReference", reference);
        }
        byte[] content = MimeBodies.part(
                        mailboxes.rawMime(accountId, message.get().id()),
                        parsed.get().partPath())
                .orElse(new byte[0]);
        Optional<String> range = options.flatMap(o -> o.text(I, "Range"));
        int from = 0;
        int to = content.length - 1;
        if (range.isPresent()) {
            Optional<long[]> bounds = range(range.get());
            if (bounds.isEmpty() || (content.length > 0 && bounds.get()[0] >= content.length)) {
                return answer.add("Status", code(Status.BAD_RANGE)).add(BASE, "FileReference", reference);
            }
            from = (int) bounds.get()[0];
            to = (int) Math.min(bounds.get()[1], content.length - 1L);
        }
        byte[] slice = Arrays.copyOfRange(content, from, Math.max(from, to + 1));
        WbxmlElement properties = WbxmlElement.of(I, "Properties")
                .add(BASE, "ContentType", attachment.get().contentType());
        if (range.isPresent()) {
            properties.add("Range", from + "-" + (from + slice.length - 1));
        }
        properties.add("Total", Integer.toString(content.length));
        properties.add("Data", Base64.getEncoder().encodeToString(slice));
        return answer.add("Status", code(Status.SUCCESS))
                .add(BASE, "FileReference", reference)
                .add(properties);
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
