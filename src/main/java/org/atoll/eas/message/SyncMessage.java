package org.atoll.eas.message;

import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import org.atoll.sync.BodyPreference;
import org.atoll.sync.ConflictPolicy;
import org.atoll.sync.FilterType;
import org.atoll.sync.ItemStatus;
import org.atoll.sync.SyncOptions;
import org.atoll.wbxml.CodePage;
import org.atoll.wbxml.WbxmlElement;
import org.jspecify.annotations.Nullable;

/**
 * Sync (MS-ASCMD 2.2.1.21): the request names collections with their SyncKey, options and the device's changes,
 * perhaps with Wait or HeartbeatInterval (a hanging Sync), WindowSize and Partial; the response answers each
 * collection with its Status, next SyncKey, the server's changes and the answers to the device's changes, or the
 * whole request with one Status (and Limit for Status 14).
 *
 * <p>The ApplicationData of an item is class-specific: the reader hands it on as sent, for the item class's codec,
 * and the writer writes the ApplicationData the codec built. The server's commands are an {@link Iterable} that the
 * writer streams, so that a window of large messages is read a part at a time.
 */
public final class SyncMessage implements EasMessage<SyncMessage.Request, SyncMessage.Response> {

    /** Sync Status values, MS-ASCMD 2.2.3.177.17. */
    public enum Status implements WireStatus {
        SUCCESS(1),
        INVALID_SYNC_KEY(3),
        PROTOCOL_ERROR(4),
        HIERARCHY_CHANGED(12),
        INCOMPLETE_REQUEST(13),
        INVALID_WAIT(14),
        TOO_MANY_COLLECTIONS(15),
        RETRY(16);

        private final int code;

        Status(int code) {
            this.code = code;
        }

        @Override
        public int code() {
            return code;
        }
    }

    /**
     * @param collections the collections named, in request order
     * @param partial whether the request adds to the collections of the previous one (MS-ASCMD 2.2.3.124)
     * @param interval how long a hanging Sync may wait, null when the request has neither Wait nor HeartbeatInterval
     */
    public record Request(
            List<Collection> collections,
            boolean partial,
            @Nullable Interval interval) {

        /** Whether a collection carries changes of the device, which are answered at once even by a hanging Sync. */
        public boolean carriesChanges() {
            return collections.stream().anyMatch(c -> c instanceof Named named && named.commandsSent());
        }
    }

    /**
     * Wait (minutes, MS-ASCMD 2.2.3.198) or HeartbeatInterval (seconds, 2.2.3.88.2), as the device sent it.
     *
     * @param minutes whether the value is Wait's minutes rather than HeartbeatInterval's seconds
     */
    public record Interval(long value, boolean minutes) {}

    /** One collection of the request. */
    public sealed interface Collection {

        /** The CollectionId as sent, answered back as sent. */
        String collectionId();
    }

    /**
     * A collection this server can serve.
     *
     * @param options what the request changes of the collection's options; Options, WindowSize, DeletesAsMoves
     * @param commandsSent whether the collection had a Commands element
     */
    public record Named(
            String collectionId,
            long folderId,
            long syncKey,
            SyncOptions.Update options,
            boolean getChanges,
            List<ClientCommand> commands,
            boolean commandsSent)
            implements Collection {}

    /** A collection answered with {@code status} alone: its SyncKey or CollectionId is none, or it is malformed. */
    public record Refused(String collectionId, Status status) implements Collection {}

    /** One change of the device (MS-ASCMD 2.2.3.32). */
    public sealed interface ClientCommand {}

    /**
     * @param data the item's ApplicationData as sent, null when there is none
     * @param send whether a draft is to be sent once stored (MS-ASEMAIL 2.2.2.69 Send)
     */
    public record Add(String clientId, @Nullable WbxmlElement data, boolean send) implements ClientCommand {}

    /**
     * As {@link Add}, of an item the device holds.
     *
     * @param instanceId from 16.0, the occurrence of a recurring series the change is for (MS-ASAIRS 2.2.2.25, a
     *     child of Change), as sent; null for the whole item
     */
    public record Change(
            String serverId,
            @Nullable WbxmlElement data,
            boolean send,
            @Nullable String instanceId) implements ClientCommand {

        public Change(String serverId, @Nullable WbxmlElement data, boolean send) {
            this(serverId, data, send, null);
        }
    }

    /** @param instanceId from 16.0, the one occurrence of a recurring series to delete (MS-ASAIRS 2.2.2.25) */
    public record Delete(String serverId, @Nullable String instanceId) implements ClientCommand {

        public Delete(String serverId) {
            this(serverId, null);
        }
    }

    public record Fetch(String serverId) implements ClientCommand {}

    /** The response. */
    public sealed interface Response {}

    /** The whole request answered with one Status, with the nearest allowed interval for Status 14. */
    public record Failed(Status status, @Nullable Long limit) implements Response {}

    public record Synced(List<CollectionAnswer> collections) implements Response {

        /** Whether every collection succeeded with nothing in it, so that a hanging Sync may wait. */
        public boolean nothingToSend() {
            return !collections.isEmpty()
                    && collections.stream()
                            .allMatch(c -> c instanceof CollectionSynced synced
                                    && !synced.moreAvailable()
                                    && synced.commands() == null
                                    && synced.responses().isEmpty());
        }
    }

    /** One collection of the response. */
    public sealed interface CollectionAnswer {}

    /** @param syncKey the key to send next, null when none is answered */
    public record CollectionFailed(
            String collectionId, @Nullable String syncKey, Status status) implements CollectionAnswer {}

    /**
     * @param commands the server's changes, null when there are none; iterated while written
     * @param responses the answers to the device's changes, in request order
     */
    public record CollectionSynced(
            String collectionId,
            long syncKey,
            boolean moreAvailable,
            @Nullable Iterable<ServerCommand> commands,
            List<ClientResult> responses)
            implements CollectionAnswer {}

    /** One change of the server. */
    public sealed interface ServerCommand {}

    /** A new item, with the ApplicationData its class's codec wrote. */
    public record ServerAdd(String serverId, WbxmlElement data) implements ServerCommand {}

    public record ServerChange(String serverId, WbxmlElement data) implements ServerCommand {}

    public record ServerDelete(String serverId) implements ServerCommand {}

    /** An item that left the FilterType window (MS-ASCMD 2.2.3.163). */
    public record ServerSoftDelete(String serverId) implements ServerCommand {}

    /** The answer to one change of the device. */
    public sealed interface ClientResult {}

    /**
     * @param serverId the ServerId of the new item, empty when none was made
     * @param attachments the attachments added to a draft, with the FileReference that names each from now on
     */
    public record AddResult(String clientId, String serverId, ItemStatus status, List<AttachmentReference> attachments)
            implements ClientResult {}

    public record ChangeResult(String serverId, ItemStatus status, List<AttachmentReference> attachments)
            implements ClientResult {}

    public record DeleteResult(String serverId, ItemStatus status) implements ClientResult {}

    /** @param data the item's ApplicationData, null when it was not fetched */
    public record FetchResult(
            String serverId, ItemStatus status, @Nullable WbxmlElement data) implements ClientResult {}

    /** An attachment a device added to a draft: its ClientId and its FileReference (MS-ASAIRS 2.2.2.7). */
    public record AttachmentReference(String clientId, String fileReference) {}

    private static final CodePage A = CodePage.AIRSYNC;
    private static final CodePage BASE = CodePage.AIRSYNCBASE;
    private static final CodePage EMAIL2 = CodePage.EMAIL2;

    private final int maxCollections;
    private final int maxCommands;

    /**
     * @param maxCollections the most collections one request may name
     * @param maxCommands the most commands one collection may carry
     */
    public SyncMessage(int maxCollections, int maxCommands) {
        this.maxCollections = maxCollections;
        this.maxCommands = maxCommands;
    }

    /**
     * A document that is not Sync, has both Wait and HeartbeatInterval or one that is no number, has an invalid
     * WindowSize, or names no collection without being Partial is Status 4; one that names more collections than
     * the limit is Status 15. A collection that is malformed is refused on its own.
     */
    @Override
    public Request read(WbxmlElement document) throws MalformedRequest {
        if (document.page() != A || !document.name().equals("Sync")) {
            throw new MalformedRequest(Status.PROTOCOL_ERROR);
        }
        Interval interval = interval(document);
        Integer syncWindow;
        try {
            syncWindow =
                    document.text("WindowSize").map(SyncMessage::windowSize).orElse(null);
        } catch (IllegalArgumentException e) {
            throw new MalformedRequest(Status.PROTOCOL_ERROR);
        }
        List<WbxmlElement> elements = document.child("Collections")
                .map(c -> c.children(A, "Collection"))
                .orElse(List.of());
        if (elements.size() > maxCollections) {
            throw new MalformedRequest(Status.TOO_MANY_COLLECTIONS);
        }
        List<Collection> collections = new ArrayList<>();
        for (WbxmlElement element : elements) {
            collections.add(collection(element, syncWindow));
        }
        boolean partial = document.child("Partial").isPresent();
        if (collections.isEmpty() && !partial && interval == null) {
            throw new MalformedRequest(Status.PROTOCOL_ERROR);
        }
        return new Request(collections, partial, interval);
    }

    private static @Nullable Interval interval(WbxmlElement document) throws MalformedRequest {
        boolean wait = document.child("Wait").isPresent();
        boolean heartbeat = document.child("HeartbeatInterval").isPresent();
        if (!wait && !heartbeat) {
            return null;
        }
        if (wait && heartbeat) {
            throw new MalformedRequest(Status.PROTOCOL_ERROR);
        }
        Optional<Long> value =
                document.text(wait ? "Wait" : "HeartbeatInterval").flatMap(WireNumbers::unsigned);
        if (value.isEmpty()) {
            throw new MalformedRequest(Status.PROTOCOL_ERROR);
        }
        return new Interval(value.get(), wait);
    }

    private Collection collection(WbxmlElement collection, @Nullable Integer syncWindow) {
        String collectionId = collection.text("CollectionId").orElse("");
        long key;
        switch (WireNumbers.syncKey(collection.text("SyncKey"))) {
            case WireNumbers.SentKey.Missing() -> {
                return new Refused(collectionId, Status.PROTOCOL_ERROR);
            }
            case WireNumbers.SentKey.NeverIssued() -> {
                return new Refused(collectionId, Status.INVALID_SYNC_KEY);
            }
            case WireNumbers.SentKey.Issuable(long value) -> key = value;
        }
        Optional<Long> folderId = WireNumbers.unsigned(collectionId);
        if (folderId.isEmpty()) {
            return new Refused(collectionId, Status.PROTOCOL_ERROR);
        }
        try {
            Integer window =
                    collection.text("WindowSize").map(SyncMessage::windowSize).orElse(syncWindow);
            Boolean deletesAsMoves =
                    collection.child("DeletesAsMoves").map(BodyOptions::flag).orElse(null);
            boolean getChanges =
                    collection.child("GetChanges").map(BodyOptions::flag).orElse(true);
            SyncOptions.Update update = options(collection.child("Options").orElse(null), window, deletesAsMoves);
            Optional<WbxmlElement> commands = collection.child("Commands");
            return new Named(
                    collectionId,
                    folderId.get(),
                    key,
                    update,
                    getChanges,
                    commands(commands.orElse(null)),
                    commands.isPresent());
        } catch (IllegalArgumentException | DateTimeParseException e) {
            return new Refused(collectionId, Status.PROTOCOL_ERROR);
        }
    }

    /** WindowSize 1 to 512; a larger one is served as 512 (MS-ASCMD 2.2.3.199). */
    private static int windowSize(String text) {
        long size = WireNumbers.unsigned(text).orElseThrow(() -> new IllegalArgumentException("WindowSize"));
        if (size < 1) {
            throw new IllegalArgumentException("WindowSize " + size);
        }
        return (int) Math.min(size, SyncOptions.MAX_WINDOW);
    }

    private static SyncOptions.Update options(
            @Nullable WbxmlElement options, @Nullable Integer window, @Nullable Boolean deletesAsMoves) {
        if (options == null) {
            return new SyncOptions.Update(null, null, deletesAsMoves, window, null, null);
        }
        FilterType filter = options.text("FilterType")
                .map(text -> WireNumbers.unsigned(text)
                        .filter(code -> code <= FilterType.INCOMPLETE_TASKS.code())
                        .flatMap(code -> FilterType.fromCode(code.intValue()))
                        .orElseThrow(() -> new IllegalArgumentException("FilterType " + text)))
                .orElse(null);
        ConflictPolicy conflict = options.text("Conflict")
                .map(text -> WireNumbers.unsigned(text)
                        .filter(code -> code <= 1)
                        .flatMap(code -> ConflictPolicy.fromCode(code.intValue()))
                        .orElseThrow(() -> new IllegalArgumentException("Conflict " + text)))
                .orElse(null);
        Integer mimeSupport = BodyOptions.mimeSupport(options).orElse(null);
        List<BodyPreference> bodies = BodyOptions.preferences(options);
        return new SyncOptions.Update(
                filter, conflict, deletesAsMoves, window, mimeSupport, bodies.isEmpty() ? null : bodies);
    }

    private List<ClientCommand> commands(@Nullable WbxmlElement commands) {
        if (commands == null) {
            return List.of();
        }
        if (commands.children().size() > maxCommands) {
            throw new IllegalArgumentException("More than " + maxCommands + " commands");
        }
        List<ClientCommand> read = new ArrayList<>();
        for (WbxmlElement command : commands.children()) {
            String serverId = command.text("ServerId").orElse("");
            WbxmlElement data = command.child("ApplicationData").orElse(null);
            read.add(
                    switch (command.name()) {
                        case "Add" -> new Add(command.text("ClientId").orElse(""), data, sends(command, data));
                        case "Change" ->
                            new Change(
                                    serverId,
                                    data,
                                    sends(command, data),
                                    command.text(CodePage.AIRSYNCBASE, "InstanceId")
                                            .orElse(null));
                        case "Delete" ->
                            new Delete(
                                    serverId,
                                    command.text(CodePage.AIRSYNCBASE, "InstanceId")
                                            .orElse(null));
                        case "Fetch" -> new Fetch(serverId);
                        default -> throw new IllegalArgumentException("Unsupported client command " + command.name());
                    });
        }
        return read;
    }

    /**
     * MS-ASEMAIL 2.2.2.69 Send: an empty element of the Add or Change (devices also put it in the ApplicationData),
     * asking that the stored draft be sent.
     */
    private static boolean sends(WbxmlElement command, @Nullable WbxmlElement data) {
        return command.child(EMAIL2, "Send").isPresent()
                || (data != null && data.child(EMAIL2, "Send").isPresent());
    }

    @Override
    public WbxmlElement write(Response response) {
        return switch (response) {
            case Failed(Status status, Long limit) -> {
                WbxmlElement failed = refused(status.code());
                yield limit == null ? failed : failed.add("Limit", Long.toString(limit));
            }
            case Synced(List<CollectionAnswer> collections) -> {
                WbxmlElement list = WbxmlElement.of(A, "Collections");
                collections.forEach(collection -> list.add(collection(collection)));
                yield WbxmlElement.of(A, "Sync").add(list);
            }
        };
    }

    private static WbxmlElement collection(CollectionAnswer answer) {
        WbxmlElement collection = WbxmlElement.of(A, "Collection");
        return switch (answer) {
            case CollectionFailed(String collectionId, String syncKey, Status status) -> {
                if (syncKey != null) {
                    collection.add("SyncKey", syncKey);
                }
                yield collection.add("CollectionId", collectionId).add("Status", code(status.code()));
            }
            case CollectionSynced synced -> {
                collection
                        .add("SyncKey", Long.toString(synced.syncKey()))
                        .add("CollectionId", synced.collectionId())
                        .add("Status", code(Status.SUCCESS.code()));
                if (synced.moreAvailable()) {
                    collection.addEmpty("MoreAvailable");
                }
                Iterable<ServerCommand> commands = synced.commands();
                if (commands != null) {
                    collection.add(WbxmlElement.streamed(A, "Commands", () -> mapped(commands.iterator())));
                }
                if (!synced.responses().isEmpty()) {
                    WbxmlElement responses = WbxmlElement.of(A, "Responses");
                    synced.responses().forEach(result -> responses.add(result(result)));
                    collection.add(responses);
                }
                yield collection;
            }
        };
    }

    private static Iterator<WbxmlElement> mapped(Iterator<ServerCommand> commands) {
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return commands.hasNext();
            }

            @Override
            public WbxmlElement next() {
                return switch (commands.next()) {
                    case ServerAdd(String serverId, WbxmlElement data) ->
                        WbxmlElement.of(A, "Add").add("ServerId", serverId).add(data);
                    case ServerChange(String serverId, WbxmlElement data) ->
                        WbxmlElement.of(A, "Change").add("ServerId", serverId).add(data);
                    case ServerDelete(String serverId) ->
                        WbxmlElement.of(A, "Delete").add("ServerId", serverId);
                    case ServerSoftDelete(String serverId) ->
                        WbxmlElement.of(A, "SoftDelete").add("ServerId", serverId);
                };
            }
        };
    }

    private static WbxmlElement result(ClientResult result) {
        return switch (result) {
            case AddResult(String clientId, String serverId, ItemStatus status, List<AttachmentReference> added) -> {
                WbxmlElement element = WbxmlElement.of(A, "Add").add("ClientId", clientId);
                if (!serverId.isEmpty()) {
                    element.add("ServerId", serverId);
                }
                yield withAttachments(element.add("Status", code(status.code())), added);
            }
            case ChangeResult(String serverId, ItemStatus status, List<AttachmentReference> added) ->
                withAttachments(
                        WbxmlElement.of(A, "Change").add("ServerId", serverId).add("Status", code(status.code())),
                        added);
            case DeleteResult(String serverId, ItemStatus status) ->
                WbxmlElement.of(A, "Delete").add("ServerId", serverId).add("Status", code(status.code()));
            case FetchResult(String serverId, ItemStatus status, WbxmlElement data) -> {
                WbxmlElement element =
                        WbxmlElement.of(A, "Fetch").add("ServerId", serverId).add("Status", code(status.code()));
                yield data == null ? element : element.add(data);
            }
        };
    }

    /** MS-ASAIRS 2.2.2.7 in a Responses element: each attachment added to a draft with its FileReference. */
    private static WbxmlElement withAttachments(WbxmlElement response, List<AttachmentReference> added) {
        if (added.isEmpty()) {
            return response;
        }
        WbxmlElement attachments = WbxmlElement.of(BASE, "Attachments");
        added.forEach(attachment -> attachments.add(WbxmlElement.of(BASE, "Attachment")
                .add("ClientId", attachment.clientId())
                .add("FileReference", attachment.fileReference())));
        return response.add(WbxmlElement.of(A, "ApplicationData").add(attachments));
    }

    @Override
    public WbxmlElement refused(int status) {
        return WbxmlElement.of(A, "Sync").add("Status", code(status));
    }

    private static String code(int status) {
        return Integer.toString(status);
    }
}
