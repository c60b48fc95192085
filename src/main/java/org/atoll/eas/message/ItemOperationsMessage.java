package org.atoll.eas.message;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import org.atoll.sync.BodyPreference;
import org.atoll.wbxml.CodePage;
import org.atoll.wbxml.WbxmlElement;
import org.jspecify.annotations.Nullable;

/**
 * ItemOperations (MS-ASCMD 2.2.1.10): the request lists operations (Fetch, EmptyFolderContents, Move), the response
 * has the command's Status and, in one Response element, one answer per operation in request order. The answers
 * are an {@link Iterable} that the writer streams, so that a Fetch's data may be read only as it is written.
 */
public final class ItemOperationsMessage
        implements EasMessage<ItemOperationsMessage.Request, ItemOperationsMessage.Response> {

    /** ItemOperations Status values, MS-ASCMD 2.2.3.177.7. */
    public enum Status implements WireStatus {
        SUCCESS(1),
        PROTOCOL_ERROR(2),
        SERVER_ERROR(3),
        NOT_FOUND(6),
        BAD_RANGE(8),
        UNKNOWN_STORE(9),
        TOO_LARGE(11),
        INVALID_ATTACHMENT(15);

        private final int code;

        Status(int code) {
            this.code = code;
        }

        @Override
        public int code() {
            return code;
        }
    }

    public record Request(List<Operation> operations) {}

    /** One operation of the request. */
    public sealed interface Operation {

        /** The name its answer takes: its own, or Fetch for an element that is no operation of the command. */
        String answerName();
    }

    /**
     * A Fetch (MS-ASCMD 2.2.3.67.1) of an attachment by FileReference, of a Search result by LongId, or of an item
     * by CollectionId and ServerId, as the device named it.
     *
     * @param mailboxStore whether Store names the mailbox, the only store this server has
     * @param folderId the CollectionId as a folder id, null when missing or none
     */
    public record Fetch(
            boolean mailboxStore,
            @Nullable String fileReference,
            @Nullable String longId,
            @Nullable String collectionId,
            @Nullable Long folderId,
            @Nullable String serverId,
            FetchOptions options)
            implements Operation {

        @Override
        public String answerName() {
            return "Fetch";
        }
    }

    /**
     * A Fetch's Options.
     *
     * @param preferences the BodyPreferences (MS-ASAIRS 2.2.2.7), empty when none or {@code malformedBody}
     * @param mimeSupport MIMESupport, 0 when none
     * @param malformedBody whether a BodyPreference or MIMESupport is out of its range
     * @param range the Range asked for with inclusive ends (MS-ASCMD 2.2.3.143.2), null when none or malformed
     * @param malformedRange whether a Range was sent that is not {@code from-to} with {@code from <= to}
     */
    public record FetchOptions(
            List<BodyPreference> preferences,
            int mimeSupport,
            boolean malformedBody,
            @Nullable Range range,
            boolean malformedRange) {

        static final FetchOptions NONE = new FetchOptions(List.of(), 0, false, null, false);
    }

    /** A byte range with inclusive ends. */
    public record Range(long from, long to) {}

    /**
     * EmptyFolderContents (MS-ASCMD 2.2.3.57).
     *
     * @param collectionId as sent, answered back as sent
     * @param folderId the CollectionId as a folder id, null when it is none
     */
    public record EmptyFolderContents(
            String collectionId, @Nullable Long folderId, boolean withSubfolders) implements Operation {

        @Override
        public String answerName() {
            return "EmptyFolderContents";
        }
    }

    /**
     * Move of a conversation (MS-ASCMD 2.2.3.117.2).
     *
     * @param conversationId the ConversationId's bytes, null when missing
     * @param targetFolder the DstFldId as a folder id, null when missing or none
     */
    public record Move(
            byte @Nullable [] conversationId, @Nullable Long targetFolder) implements Operation {

        @Override
        public String answerName() {
            return "Move";
        }
    }

    /** An element that is no operation of the command, answered with Status 2 under {@code answerName}. */
    public record Unknown(String answerName) implements Operation {}

    /** @param answers one per operation, in request order; each iteration may build them afresh */
    public record Response(Iterable<Answer> answers) {}

    /** The answer to one operation. */
    public sealed interface Answer {}

    /**
     * A Fetch's answer: its Status, the name the request gave the item or attachment, and what was fetched.
     *
     * @param content the item's properties or the attachment's data, null when nothing was fetched
     */
    public record Fetched(
            Status status,
            @Nullable String fileReference,
            @Nullable String longId,
            @Nullable String collectionId,
            @Nullable String serverId,
            @Nullable Content content)
            implements Answer {

        /** An answer carrying only a Status. */
        public static Fetched status(Status status) {
            return new Fetched(status, null, null, null, null, null);
        }
    }

    /** What a Fetch returns. */
    public sealed interface Content {}

    /**
     * A whole item: its Class and its ApplicationData as the class's codec wrote it, whose children become the
     * Properties.
     */
    public record ItemContent(String itemClass, WbxmlElement applicationData) implements Content {}

    /**
     * An attachment's bytes, sent base64 in Data.
     *
     * @param range the inclusive range sent, null when the request asked for none
     */
    public record AttachmentContent(
            String contentType, @Nullable Range range, long total, byte[] data) implements Content {}

    /** @param collectionId as the request sent it */
    public record Emptied(Status status, String collectionId) implements Answer {}

    /** @param conversationId the conversation moved, null when the request was malformed */
    public record Moved(Status status, byte @Nullable [] conversationId) implements Answer {}

    /** An operation that was not run, answered with a Status alone under its {@code name}. */
    public record NotRun(String name, Status status) implements Answer {}

    private static final CodePage I = CodePage.ITEM_OPERATIONS;
    private static final CodePage A = CodePage.AIRSYNC;
    private static final CodePage BASE = CodePage.AIRSYNCBASE;
    private static final CodePage SEARCH = CodePage.SEARCH;

    public static final ItemOperationsMessage INSTANCE = new ItemOperationsMessage();

    private ItemOperationsMessage() {}

    /** A document that is not ItemOperations, or has no operation, is Status 2. */
    @Override
    public Request read(WbxmlElement document) throws MalformedRequest {
        if (document.page() != I
                || !document.name().equals("ItemOperations")
                || document.children().isEmpty()) {
            throw new MalformedRequest(Status.PROTOCOL_ERROR);
        }
        List<Operation> operations = new ArrayList<>();
        for (WbxmlElement operation : document.children()) {
            operations.add(operation(operation));
        }
        return new Request(operations);
    }

    private static Operation operation(WbxmlElement operation) {
        return switch (operation.name()) {
            case "Fetch" -> fetch(operation);
            case "EmptyFolderContents" -> {
                String collectionId = operation.text(A, "CollectionId").orElse("");
                yield new EmptyFolderContents(
                        collectionId,
                        WireNumbers.unsigned(collectionId).orElse(null),
                        operation
                                .child(I, "Options")
                                .flatMap(o -> o.child(I, "DeleteSubFolders"))
                                .isPresent());
            }
            case "Move" ->
                new Move(
                        operation
                                .child(I, "ConversationId")
                                .flatMap(c -> c.opaque()
                                        .or(() -> c.text().map(text -> text.getBytes(StandardCharsets.ISO_8859_1))))
                                .orElse(null),
                        operation
                                .text(I, "DstFldId")
                                .flatMap(WireNumbers::unsigned)
                                .orElse(null));
            default -> new Unknown(I.hasTag(operation.name()) ? operation.name() : "Fetch");
        };
    }

    private static Fetch fetch(WbxmlElement fetch) {
        String collectionId = fetch.text(A, "CollectionId").orElse(null);
        return new Fetch(
                fetch.text(I, "Store").map("Mailbox"::equalsIgnoreCase).orElse(false),
                fetch.text(BASE, "FileReference").orElse(null),
                fetch.text(SEARCH, "LongId").orElse(null),
                collectionId,
                collectionId == null ? null : WireNumbers.unsigned(collectionId).orElse(null),
                fetch.text(A, "ServerId").orElse(null),
                fetch.child(I, "Options").map(ItemOperationsMessage::options).orElse(FetchOptions.NONE));
    }

    private static FetchOptions options(WbxmlElement options) {
        List<BodyPreference> preferences = List.of();
        int mimeSupport = 0;
        boolean malformedBody = false;
        try {
            preferences = BodyOptions.preferences(options);
            mimeSupport = BodyOptions.mimeSupport(options).orElse(0);
        } catch (IllegalArgumentException e) {
            preferences = List.of();
            malformedBody = true;
        }
        Optional<String> rangeText = options.text(I, "Range");
        Optional<Range> range = rangeText.flatMap(ItemOperationsMessage::range);
        return new FetchOptions(
                preferences, mimeSupport, malformedBody, range.orElse(null), rangeText.isPresent() && range.isEmpty());
    }

    private static Optional<Range> range(String text) {
        int dash = text.indexOf('-');
        if (dash < 1 || dash == text.length() - 1) {
            return Optional.empty();
        }
        Optional<Long> from = WireNumbers.unsigned(text.substring(0, dash));
        Optional<Long> to = WireNumbers.unsigned(text.substring(dash + 1));
        if (from.isEmpty() || to.isEmpty() || to.get() < from.get()) {
            return Optional.empty();
        }
        return Optional.of(new Range(from.get(), to.get()));
    }

    @Override
    public WbxmlElement write(Response response) {
        Iterable<WbxmlElement> answers = () -> {
            Iterator<Answer> each = response.answers().iterator();
            return new Iterator<>() {
                @Override
                public boolean hasNext() {
                    return each.hasNext();
                }

                @Override
                public WbxmlElement next() {
                    return answer(each.next());
                }
            };
        };
        return WbxmlElement.of(I, "ItemOperations")
                .add("Status", code(Status.SUCCESS))
                .add(WbxmlElement.streamed(I, "Response", answers));
    }

    private static WbxmlElement answer(Answer answer) {
        return switch (answer) {
            case Fetched fetched -> fetched(fetched);
            case Emptied(Status status, String collectionId) ->
                WbxmlElement.of(I, "EmptyFolderContents")
                        .add("Status", code(status))
                        .add(A, "CollectionId", collectionId);
            case Moved(Status status, byte[] conversationId) -> {
                WbxmlElement moved = WbxmlElement.of(I, "Move").add("Status", code(status));
                yield conversationId == null
                        ? moved
                        : moved.add(WbxmlElement.opaque(I, "ConversationId", conversationId));
            }
            case NotRun(String name, Status status) -> WbxmlElement.of(I, name).add("Status", code(status));
        };
    }

    private static WbxmlElement fetched(Fetched fetched) {
        WbxmlElement answer = WbxmlElement.of(I, "Fetch").add("Status", code(fetched.status()));
        if (fetched.fileReference() != null) {
            answer.add(BASE, "FileReference", fetched.fileReference());
        }
        if (fetched.longId() != null) {
            answer.add(SEARCH, "LongId", fetched.longId());
        }
        if (fetched.collectionId() != null) {
            answer.add(A, "CollectionId", fetched.collectionId());
        }
        if (fetched.serverId() != null) {
            answer.add(A, "ServerId", fetched.serverId());
        }
        switch (fetched.content()) {
            case null -> {}
            case ItemContent(String itemClass, WbxmlElement data) -> {
                WbxmlElement properties = WbxmlElement.of(I, "Properties");
                data.children().forEach(properties::add);
                answer.add(A, "Class", itemClass).add(properties);
            }
            case AttachmentContent(String contentType, Range range, long total, byte[] data) -> {
                WbxmlElement properties = WbxmlElement.of(I, "Properties").add(BASE, "ContentType", contentType);
                if (range != null) {
                    properties.add("Range", range.from() + "-" + range.to());
                }
                answer.add(properties
                        .add("Total", Long.toString(total))
                        .add("Data", Base64.getEncoder().encodeToString(data)));
            }
        }
        return answer;
    }

    @Override
    public WbxmlElement refused(int status) {
        return WbxmlElement.of(I, "ItemOperations").add("Status", Integer.toString(status));
    }

    private static String code(Status status) {
        return Integer.toString(status.code());
    }
}
