package org.atoll.eas.command;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import org.atoll.device.DeviceView;
import org.atoll.eas.command.ItemCodec.AtVersion;
import org.atoll.eas.message.BodyOptions;
import org.atoll.eas.request.EasCommand;
import org.atoll.eas.request.EasProtocolVersion;
import org.atoll.mail.MailSubmission;
import org.atoll.mail.Submission;
import org.atoll.mail.SubmissionRefused;
import org.atoll.mailbox.Flag;
import org.atoll.mailbox.FolderType;
import org.atoll.mailbox.InvalidMailboxRequest;
import org.atoll.mailbox.MailboxException;
import org.atoll.mailbox.Mailboxes;
import org.atoll.mailbox.MessageNotFound;
import org.atoll.mailbox.MessageView;
import org.atoll.push.Parking;
import org.atoll.push.Pings;
import org.atoll.push.PushProperties;
import org.atoll.sync.BodyPreference;
import org.atoll.sync.ClientCommand;
import org.atoll.sync.ClientResponse;
import org.atoll.sync.CollectionRequest;
import org.atoll.sync.CollectionResult;
import org.atoll.sync.ConflictPolicy;
import org.atoll.sync.FilterType;
import org.atoll.sync.ItemId;
import org.atoll.sync.ItemStatus;
import org.atoll.sync.ItemSyncs;
import org.atoll.sync.ServerCommand;
import org.atoll.sync.SyncOptions;
import org.atoll.wbxml.CodePage;
import org.atoll.wbxml.WbxmlElement;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Sync (MS-ASCMD 2.2.1.21) of Email collections: one request names collections with their SyncKeys, options and
 * the device's changes; the response answers each with its next key, the server's changes and the answers to the
 * device's changes. An empty request, or a Partial one, repeats the collections of the previous request.
 */
@Component
public class SyncCommand implements WaitingCommand {

    /** Sync Status values, MS-ASCMD 2.2.3.177.17. */
    enum Status {
        SUCCESS(1),
        INVALID_SYNC_KEY(3),
        PROTOCOL_ERROR(4),
        HIERARCHY_CHANGED(12),
        INCOMPLETE_REQUEST(13),
        INVALID_WAIT(14),
        TOO_MANY_COLLECTIONS(15),
        RETRY(16);

        final int code;

        Status(int code) {
            this.code = code;
        }
    }

    /** The most collections one request may name. */
    static final int MAX_COLLECTIONS = 100;

    /** The most commands one collection of a request may carry. */
    static final int MAX_COMMANDS = 1000;

    /** The most server commands built at once while a window is written. */
    static final int PART_ITEMS = 32;

    /** About the most raw MIME read at once while a window is written (a part holds at least one message). */
    static final long PART_BYTES = 1024 * 1024;

    private static final CodePage A = CodePage.AIRSYNC;
    private static final CodePage BASE = CodePage.AIRSYNCBASE;
    private static final CodePage EMAIL = CodePage.EMAIL;
    private static final CodePage TASKS = CodePage.TASKS;

    private static final CodePage EMAIL2 = CodePage.EMAIL2;

    private static final Logger log = LoggerFactory.getLogger(SyncCommand.class);

    private final ItemSyncs itemSyncs;
    private final EmailItems emailItems;
    private final Mailboxes mailboxes;
    private final MailSubmission submissions;
    private final Clock clock;
    private final Parking parking;
    private final Pings pings;
    private final PushProperties push;
    private final List<ItemCodec> codecs;

    SyncCommand(
            ItemSyncs itemSyncs,
            EmailItems emailItems,
            Mailboxes mailboxes,
            MailSubmission submissions,
            Clock clock,
            Parking parking,
            Pings pings,
            PushProperties push,
            List<ItemCodec> codecs) {
        this.codecs = List.copyOf(codecs);
        this.itemSyncs = itemSyncs;
        this.emailItems = emailItems;
        this.mailboxes = mailboxes;
        this.submissions = submissions;
        this.clock = clock;
        this.parking = parking;
        this.pings = pings;
        this.push = push;
    }

    @Override
    public EasCommand command() {
        return EasCommand.SYNC;
    }

    @Override
    public WbxmlElement refused(int status) {
        return status(status);
    }

    private WbxmlElement handleEmpty(long accountId, DeviceView device) {
        return respond(accountId, device, List.of(), true);
    }

    /**
     * What a collection's draft commands asked beyond the store's work (drafts through Sync, protocol 16.0): the
     * part paths of the attachments each Add (by ClientId) or Change (by ServerId) added, and the drafts to send
     * once stored (MS-ASEMAIL 2.2.2.69 Send).
     */
    private record DraftWork(
            Map<String, Map<String, String>> addAttachments,
            Map<String, Map<String, String>> changeAttachments,
            List<String> sendAdds,
            List<String> sendChanges) {

        static DraftWork none() {
            return new DraftWork(new LinkedHashMap<>(), new LinkedHashMap<>(), new ArrayList<>(), new ArrayList<>());
        }
    }

    private WbxmlElement handle(long accountId, DeviceView device, WbxmlElement request) {
        if (request.page() != A || !request.name().equals("Sync")) {
            return status(Status.PROTOCOL_ERROR.code);
        }
        Optional<Integer> syncWindow = request.text("WindowSize").map(SyncCommand::windowSize);
        List<WbxmlElement> elements = request.child("Collections")
                .map(c -> c.children(A, "Collection"))
                .orElse(List.of());
        if (elements.size() > MAX_COLLECTIONS) {
            return status(Status.TOO_MANY_COLLECTIONS.code);
        }
        List<Parsed> collections = new ArrayList<>();
        for (WbxmlElement element : elements) {
            collections.add(
                    parse(accountId, EasCommandHandler.protocolVersion(device), element, syncWindow.orElse(null)));
        }
        boolean partial = request.child("Partial").isPresent();
        if (collections.isEmpty() && !partial) {
            return status(Status.PROTOCOL_ERROR.code);
        }
        return respond(accountId, device, collections, partial);
    }

    // ---- hanging Sync

    /**
     * A Sync with Wait (minutes, MS-ASCMD 2.2.3.198) or HeartbeatInterval (seconds, 2.2.3.88.2) that finds nothing
     * to send waits on the read-only check a Ping waits on ({@link Pings#awaitChanges}), and runs once more when that
     * finds changes for the device in one of its collections; when the interval runs out first it gets an empty Sync
     * response: HTTP 200 without a body, after which the device repeats its request. Both elements at once are Status 4; an interval outside the bounds is
     * Status 14 with the nearest allowed value in Limit, and changes nothing. A request that carries the device's
     * own changes is answered at once.
     */
    @Override
    public EasAnswer answer(long accountId, DeviceView device, @Nullable WbxmlElement request) {
        if (request == null
                || request.page() != A
                || (request.child("Wait").isEmpty()
                        && request.child("HeartbeatInterval").isEmpty())) {
            return EasAnswer.now(request == null ? handleEmpty(accountId, device) : handle(accountId, device, request));
        }
        Optional<String> wait = request.text("Wait");
        Optional<String> heartbeat = request.text("HeartbeatInterval");
        if (request.child("Wait").isPresent()
                == request.child("HeartbeatInterval").isPresent()) {
            return EasAnswer.now(status(Status.PROTOCOL_ERROR.code));
        }
        long min = wait.isPresent()
                ? Math.max(1, (push.minHeartbeat().toSeconds() + 59) / 60)
                : push.minHeartbeat().toSeconds();
        long max = wait.isPresent()
                ? Math.min(59, push.maxHeartbeat().toMinutes())
                : push.maxHeartbeat().toSeconds();
        Optional<Long> asked = wait.or(() -> heartbeat).flatMap(WireNumbers::unsigned);
        if (asked.isEmpty()) {
            return EasAnswer.now(status(Status.PROTOCOL_ERROR.code));
        }
        if (asked.get() < min || asked.get() > max) {
            return EasAnswer.now(
                    status(Status.INVALID_WAIT.code).add("Limit", Long.toString(asked.get() < min ? min : max)));
        }
        boolean carriesChanges = request.child("Collections").stream()
                .flatMap(c -> c.children(A, "Collection").stream())
                .anyMatch(c -> c.child("Commands").isPresent());
        if (carriesChanges) {
            return EasAnswer.now(handle(accountId, device, request));
        }
        Duration interval = wait.isPresent() ? Duration.ofMinutes(asked.get()) : Duration.ofSeconds(asked.get());
        parking.ensureRoom(accountId, device.id());
        long since = mailboxes.highestModseq(accountId);
        WbxmlElement first = handle(accountId, device, request);
        if (!nothingToSend(first)) {
            return EasAnswer.now(first);
        }
        List<Long> folderIds = first.child("Collections").stream()
                .flatMap(c -> c.children(A, "Collection").stream())
                .flatMap(c -> c.text("CollectionId").flatMap(WireNumbers::unsigned).stream())
                .toList();
        return EasAnswer.later(
                pings.awaitChanges(accountId, device.id(), folderIds, since, interval),
                woken -> woken ? Optional.of(handle(accountId, device, request)) : Optional.empty(),
                Optional::empty);
    }

    /** Whether every collection of a response succeeded with nothing in it, so a hanging Sync may wait on. */
    private static boolean nothingToSend(WbxmlElement response) {
        List<WbxmlElement> collections = response.child("Collections")
                .map(c -> c.children(A, "Collection"))
                .orElse(List.of());
        return response.child("Status").isEmpty()
                && !collections.isEmpty()
                && collections.stream()
                        .allMatch(c -> c.text("Status").equals(Optional.of(Integer.toString(Status.SUCCESS.code)))
                                && c.child("Commands").isEmpty()
                                && c.child("Responses").isEmpty()
                                && c.child("MoreAvailable").isEmpty());
    }

    // ---- parsing

    /** One collection of the request, or why it cannot be served. */
    private record Parsed(String collectionId, @Nullable CollectionRequest request, Status failure, DraftWork drafts) {

        Parsed(String collectionId, @Nullable CollectionRequest request, Status failure) {
            this(collectionId, request, failure, DraftWork.none());
        }
    }

    private Parsed parse(
            long accountId, EasProtocolVersion version, WbxmlElement collection, @Nullable Integer syncWindow) {
        String collectionId = collection.text("CollectionId").orElse("");
        Optional<Long> folderId = WireNumbers.unsigned(collectionId);
        long key;
        switch (WireNumbers.syncKey(collection.text("SyncKey"))) {
            case WireNumbers.SentKey.Missing() -> {
                return new Parsed(collectionId, null, Status.PROTOCOL_ERROR);
            }
            case WireNumbers.SentKey.NeverIssued() -> {
                return new Parsed(collectionId, null, Status.INVALID_SYNC_KEY);
            }
            case WireNumbers.SentKey.Issuable(long value) -> key = value;
        }
        if (folderId.isEmpty()) {
            return new Parsed(collectionId, null, Status.PROTOCOL_ERROR);
        }
        try {
            Integer window =
                    collection.text("WindowSize").map(SyncCommand::windowSize).orElse(syncWindow);
            Boolean deletesAsMoves =
                    collection.child("DeletesAsMoves").map(BodyOptions::flag).orElse(null);
            boolean getChanges =
                    collection.child("GetChanges").map(BodyOptions::flag).orElse(true);
            SyncOptions.Update update = options(collection.child("Options").orElse(null), window, deletesAsMoves);
            DraftWork drafts = DraftWork.none();
            Optional<AtVersion> codec =
                    mailboxes.findFolder(accountId, folderId.get()).flatMap(folder -> codec(folder.type(), version));
            List<ClientCommand> commands = codec.isPresent()
                    ? itemCommands(codec.get(), collection.child("Commands").orElse(null))
                    : commands(accountId, collection.child("Commands").orElse(null), drafts);
            return new Parsed(
                    collectionId,
                    new CollectionRequest(folderId.get(), key, update, getChanges, commands),
                    Status.SUCCESS,
                    drafts);
        } catch (IllegalArgumentException | InvalidMailboxRequest | DateTimeParseException e) {
            return new Parsed(collectionId, null, Status.PROTOCOL_ERROR);
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

    private List<ClientCommand> commands(long accountId, @Nullable WbxmlElement commands, DraftWork drafts) {
        if (commands == null) {
            return List.of();
        }
        if (commands.children().size() > MAX_COMMANDS) {
            throw new IllegalArgumentException("More than " + MAX_COMMANDS + " commands");
        }
        List<ClientCommand> parsed = new ArrayList<>();
        for (WbxmlElement command : commands.children()) {
            String serverId = command.text("ServerId").orElse("");
            switch (command.name()) {
                case "Change" -> parsed.add(change(accountId, command, drafts));
                case "Delete" -> parsed.add(new ClientCommand.Delete(serverId));
                case "Fetch" -> parsed.add(new ClientCommand.Fetch(serverId));
                case "Add" -> parsed.add(add(command, drafts));
                default -> throw new IllegalArgumentException("Unsupported client command " + command.name());
            }
        }
        return parsed;
    }

    /** The codec of the class whose items a folder of this type holds, at the device's version; empty for Email. */
    private Optional<AtVersion> codec(FolderType type, EasProtocolVersion version) {
        return codecs.stream()
                .filter(c -> c.folderTypes().contains(type))
                .findFirst()
                .map(c -> c.at(version));
    }

    /**
     * The commands of a collection of a class other than Email (MS-ASCMD 2.2.3.32): Add and Change carry the item's
     * ApplicationData as the class's codec reads it, an unreadable one answered by Status 6 on its own.
     */
    private static List<ClientCommand> itemCommands(AtVersion codec, @Nullable WbxmlElement commands) {
        if (commands == null) {
            return List.of();
        }
        if (commands.children().size() > MAX_COMMANDS) {
            throw new IllegalArgumentException("More than " + MAX_COMMANDS + " commands");
        }
        List<ClientCommand> parsed = new ArrayList<>();
        for (WbxmlElement command : commands.children()) {
            String serverId = command.text("ServerId").orElse("");
            WbxmlElement data = command.child("ApplicationData").orElse(null);
            switch (command.name()) {
                case "Add" ->
                    parsed.add(
                            new ClientCommand.AddItem(command.text("ClientId").orElse(""), codec.read(data)));
                case "Change" -> parsed.add(new ClientCommand.ChangeItem(serverId, codec.read(data)));
                case "Delete" -> parsed.add(new ClientCommand.Delete(serverId));
                case "Fetch" -> parsed.add(new ClientCommand.Fetch(serverId));
                default -> throw new IllegalArgumentException("Unsupported client command " + command.name());
            }
        }
        return parsed;
    }

    /**
     * A client Add: a draft (MS-ASCMD 2.2.3.7.2) with its Read state and Flag, attachments (MS-ASAIRS 2.2.2.2) and
     * perhaps Send. A draft that cannot be written as MIME still gets an answer of its own, Status 6, instead of
     * failing the collection.
     */
    private ClientCommand.Add add(WbxmlElement command, DraftWork drafts) {
        String clientId = command.text("ClientId").orElse("");
        WbxmlElement data = command.child("ApplicationData").orElse(WbxmlElement.of(A, "ApplicationData"));
        byte[] mime;
        try {
            DraftMime.Draft draft = DraftMime.compose(null, -1, data, clock);
            mime = draft.mime();
            drafts.addAttachments().put(clientId, draft.added());
            if (sends(command, data)) {
                drafts.sendAdds().add(clientId);
            }
        } catch (IllegalArgumentException e) {
            mime = new byte[0];
        }
        return new ClientCommand.Add(
                clientId,
                mime,
                data.child(EMAIL, "Read").map(BodyOptions::flag).orElse(null),
                data.child(EMAIL, "Flag").map(this::flagOf).orElse(null));
    }

    /**
     * MS-ASEMAIL 2.2.2.69 Send: an empty element of the Add or Change (devices also put it in the ApplicationData),
     * asking that the stored draft be sent.
     */
    private static boolean sends(WbxmlElement command, WbxmlElement data) {
        return command.child(EMAIL2, "Send").isPresent()
                || data.child(EMAIL2, "Send").isPresent();
    }

    /** The draft properties whose change rewrites a draft's MIME (MS-ASEMAIL 2.2.2, drafts from protocol 16.0). */
    private static boolean rewritesDraft(WbxmlElement data) {
        return data.child(EMAIL, "To").isPresent()
                || data.child(EMAIL, "Cc").isPresent()
                || data.child(EMAIL2, "Bcc").isPresent()
                || data.child(EMAIL, "Subject").isPresent()
                || data.child(EMAIL, "Importance").isPresent()
                || data.child(BASE, "Body").isPresent()
                || data.child(BASE, "Attachments").isPresent();
    }

    /**
     * A client Change of an Email item: Read, Flag and Categories are what a device may change (MS-ASEMAIL); of a
     * draft also its recipients, subject, importance, body and attachments, which rewrite its MIME. A draft whose
     * new content cannot be written gets Status 6 from the store (an empty content).
     */
    private ClientCommand.Change change(long accountId, WbxmlElement command, DraftWork drafts) {
        String serverId = command.text("ServerId").orElse("");
        WbxmlElement data = command.child("ApplicationData").orElse(null);
        if (data == null) {
            return new ClientCommand.Change(serverId, null, null, null);
        }
        Boolean read = data.child(EMAIL, "Read").map(BodyOptions::flag).orElse(null);
        Flag flag = data.child(EMAIL, "Flag").map(this::flagOf).orElse(null);
        List<String> categories = data.child(EMAIL, "Categories")
                .map(c -> c.children(EMAIL, "Category").stream()
                        .map(category -> category.text().orElse(""))
                        .toList())
                .orElse(null);
        byte[] content = null;
        Optional<ItemId> item = ItemId.parse(serverId);
        if (rewritesDraft(data) && item.isPresent()) {
            try {
                byte[] current = mailboxes.rawMime(accountId, item.get().messageId());
                DraftMime.Draft draft = DraftMime.compose(current, item.get().messageId(), data, clock);
                content = draft.mime();
                drafts.changeAttachments().put(serverId, draft.added());
            } catch (MessageNotFound e) {
                content = null;
            } catch (IllegalArgumentException e) {
                content = new byte[0];
            }
        }
        if (sends(command, data)) {
            drafts.sendChanges().add(serverId);
        }
        return new ClientCommand.Change(serverId, read, flag, categories, content);
    }

    /** MS-ASEMAIL 2.2.2.27 Flag: empty clears it, Status 1 completes it, Status 2 sets it with optional dates. */
    private Flag flagOf(WbxmlElement flag) {
        Optional<String> status = flag.text(EMAIL, "Status");
        if (status.isEmpty() || status.get().equals("0")) {
            return Flag.CLEARED;
        }
        return switch (status.get()) {
            case "1" ->
                Flag.complete(flag.text(EMAIL, "CompleteTime")
                        .or(() -> flag.text(TASKS, "DateCompleted"))
                        .map(Instant::parse)
                        .orElse(clock.instant()));
            case "2" ->
                Flag.active(
                        flag.text(TASKS, "UtcStartDate")
                                .or(() -> flag.text(TASKS, "StartDate"))
                                .map(Instant::parse)
                                .orElse(null),
                        flag.text(TASKS, "UtcDueDate")
                                .or(() -> flag.text(TASKS, "DueDate"))
                                .map(Instant::parse)
                                .orElse(null));
            default -> throw new IllegalArgumentException("Flag Status " + status.get());
        };
    }

    // ---- answering

    private WbxmlElement respond(long accountId, DeviceView device, List<Parsed> named, boolean repeatPrevious) {
        Map<String, Parsed> collections = new LinkedHashMap<>();
        if (repeatPrevious) {
            Map<Long, Long> previous = itemSyncs.previousRequest(accountId, device.id());
            if (previous.isEmpty() && named.isEmpty()) {
                return status(Status.INCOMPLETE_REQUEST.code);
            }
            previous.forEach((folderId, key) -> collections.put(
                    Long.toString(folderId),
                    new Parsed(
                            Long.toString(folderId),
                            new CollectionRequest(folderId, key, SyncOptions.Update.NONE, true, List.of()),
                            Status.SUCCESS)));
        }
        named.forEach(parsed -> collections.put(parsed.collectionId(), parsed));

        boolean v14 = EasCommandHandler.protocolVersion(device).atLeast(EasProtocolVersion.V14_0);
        WbxmlElement list = WbxmlElement.of(A, "Collections");
        List<Long> served = new ArrayList<>();
        for (Parsed parsed : collections.values()) {
            list.add(collection(accountId, device, parsed, v14, served));
        }
        itemSyncs.rememberRequest(accountId, device.id(), served);
        return WbxmlElement.of(A, "Sync").add(list);
    }

    private WbxmlElement collection(long accountId, DeviceView device, Parsed parsed, boolean v14, List<Long> served) {
        CollectionRequest request = parsed.request();
        if (request == null) {
            String resetKey = parsed.failure() == Status.INVALID_SYNC_KEY ? "0" : null;
            return collectionStatus(parsed.collectionId(), resetKey, parsed.failure());
        }
        CollectionResult result;
        try {
            result = itemSyncs.sync(accountId, device.id(), request);
        } catch (MailboxException e) {
            return collectionStatus(parsed.collectionId(), null, Status.RETRY);
        }
        return switch (result) {
            case CollectionResult.InvalidSyncKey() ->
                collectionStatus(parsed.collectionId(), "0", Status.INVALID_SYNC_KEY);
            case CollectionResult.UnknownCollection() ->
                collectionStatus(parsed.collectionId(), null, Status.HIERARCHY_CHANGED);
            case CollectionResult.Synced synced -> {
                served.add(request.folderId());
                Optional<FolderType> type =
                        mailboxes.findFolder(accountId, request.folderId()).map(folder -> folder.type());
                boolean drafts = EasCommandHandler.protocolVersion(device).atLeast(EasProtocolVersion.V16_0)
                        && type.filter(t -> t == FolderType.DRAFTS).isPresent();
                AtVersion codec = type.flatMap(t -> codec(t, EasCommandHandler.protocolVersion(device)))
                        .orElse(null);
                WbxmlElement answer = synced(accountId, parsed, synced, v14, drafts, codec);
                send(accountId, device, request.folderId(), parsed.drafts(), synced.responses());
                yield answer;
            }
        };
    }

    /**
     * Sends the drafts the device asked to send (MS-ASEMAIL 2.2.2.69), once stored: each goes out as SendMail would
     * send it, with a copy in Sent Items, and leaves Drafts, which the device learns by a Delete on its next Sync. A
     * draft the mail module refuses (no recipient, send limits) stays in Drafts unsent.
     */
    private void send(
            long accountId, DeviceView device, long folderId, DraftWork drafts, List<ClientResponse> responses) {
        List<String> serverIds = new ArrayList<>();
        for (ClientResponse response : responses) {
            if (response.status() != ItemStatus.SUCCESS) {
                continue;
            }
            if (response instanceof ClientResponse.Added added
                    && drafts.sendAdds().contains(added.clientId())) {
                serverIds.add(added.serverId());
            }
        }
        Set<String> failed = new HashSet<>();
        for (ClientResponse response : responses) {
            if (response instanceof ClientResponse.Changed changed && changed.status() != ItemStatus.SUCCESS) {
                failed.add(changed.serverId());
            }
        }
        drafts.sendChanges().stream().filter(id -> !failed.contains(id)).forEach(serverIds::add);
        for (String serverId : serverIds) {
            Optional<ItemId> item = ItemId.parse(serverId).filter(id -> id.folderId() == folderId);
            if (item.isEmpty()) {
                continue;
            }
            long messageId = item.get().messageId();
            try {
                byte[] mime = mailboxes.rawMime(accountId, messageId);
                submissions.submit(new Submission(
                        accountId, device.id(), "draft-" + messageId, mime, true, Submission.Kind.NEW, null, false));
                mailboxes.deletePermanently(accountId, List.of(messageId));
            } catch (MailboxException | SubmissionRefused e) {
                log.info("A draft was not sent: {}", e.getClass().getSimpleName());
            }
        }
    }

    private WbxmlElement synced(
            long accountId,
            Parsed parsed,
            CollectionResult.Synced synced,
            boolean v14,
            boolean drafts,
            @Nullable AtVersion codec) {
        String collectionId = parsed.collectionId();
        WbxmlElement collection = WbxmlElement.of(A, "Collection")
                .add("SyncKey", Long.toString(synced.syncKey()))
                .add("CollectionId", collectionId)
                .add("Status", Integer.toString(Status.SUCCESS.code));
        if (synced.moreAvailable()) {
            collection.addEmpty("MoreAvailable");
        }
        SyncOptions options = synced.options();
        if (!synced.commands().isEmpty()) {
            collection.add(WbxmlElement.streamed(
                    A,
                    "Commands",
                    () -> new CommandElements(accountId, synced.commands(), options, v14, drafts, codec)));
        }
        if (!synced.responses().isEmpty()) {
            WbxmlElement responses = WbxmlElement.of(A, "Responses");
            for (ClientResponse response : synced.responses()) {
                String status = Integer.toString(response.status().code());
                responses.add(
                        switch (response) {
                            case ClientResponse.Changed changed ->
                                withAttachments(
                                        WbxmlElement.of(A, "Change")
                                                .add("ServerId", changed.serverId())
                                                .add("Status", status),
                                        changed.serverId(),
                                        changed.status() == ItemStatus.SUCCESS
                                                ? parsed.drafts()
                                                        .changeAttachments()
                                                        .get(changed.serverId())
                                                : null);
                            case ClientResponse.Deleted deleted ->
                                WbxmlElement.of(A, "Delete")
                                        .add("ServerId", deleted.serverId())
                                        .add("Status", status);
                            case ClientResponse.Fetched fetched ->
                                WbxmlElement.of(A, "Fetch")
                                        .add("ServerId", fetched.serverId())
                                        .add("Status", status)
                                        .add(
                                                codec == null
                                                        ? emailItems.applicationData(
                                                                accountId,
                                                                (MessageView) fetched.item(),
                                                                options.bodyPreferences(),
                                                                options.mimeSupport(),
                                                                v14)
                                                        : codec.applicationData(fetched.item()));
                            case ClientResponse.Added added -> {
                                WbxmlElement element = WbxmlElement.of(A, "Add").add("ClientId", added.clientId());
                                if (!added.serverId().isEmpty()) {
                                    element.add("ServerId", added.serverId());
                                }
                                element.add("Status", status);
                                yield withAttachments(
                                        element,
                                        added.serverId(),
                                        added.status() == ItemStatus.SUCCESS
                                                ? parsed.drafts()
                                                        .addAttachments()
                                                        .get(added.clientId())
                                                : null);
                            }
                            case ClientResponse.NotFetched notFetched ->
                                WbxmlElement.of(A, "Fetch")
                                        .add("ServerId", notFetched.serverId())
                                        .add("Status", status);
                        });
            }
            collection.add(responses);
        }
        return collection;
    }

    /**
     * MS-ASAIRS 2.2.2.7 in a Responses element: for each attachment the device added to a draft, its ClientId with
     * the FileReference that names it from now on (and that a later Delete names).
     */
    private static WbxmlElement withAttachments(
            WbxmlElement response, String serverId, @Nullable Map<String, String> added) {
        Optional<ItemId> item = ItemId.parse(serverId);
        if (added == null || added.isEmpty() || item.isEmpty()) {
            return response;
        }
        WbxmlElement attachments = WbxmlElement.of(BASE, "Attachments");
        added.forEach((clientId, partPath) -> attachments.add(WbxmlElement.of(BASE, "Attachment")
                .add("ClientId", clientId)
                .add("FileReference", FileReference.of(item.get().messageId(), partPath))));
        return response.add(WbxmlElement.of(A, "ApplicationData").add(attachments));
    }

    private static WbxmlElement collectionStatus(String collectionId, @Nullable String syncKey, Status status) {
        WbxmlElement collection = WbxmlElement.of(A, "Collection");
        if (syncKey != null) {
            collection.add("SyncKey", syncKey);
        }
        return collection.add("CollectionId", collectionId).add("Status", Integer.toString(status.code));
    }

    private static WbxmlElement status(int status) {
        return WbxmlElement.of(A, "Sync").add("Status", Integer.toString(status));
    }

    /**
     * A window's server commands, built as they are written: the raw MIME of the Adds is read a part at a time (at
     * most {@link #PART_ITEMS} commands or about {@link #PART_BYTES} of messages), so a window of large messages
     * never sits in memory whole.
     */
    private final class CommandElements implements Iterator<WbxmlElement> {
        private final long accountId;
        private final List<ServerCommand> commands;
        private final SyncOptions options;
        private final boolean v14;
        private final boolean drafts;
        private final @Nullable AtVersion codec;
        private int next;
        private Iterator<WbxmlElement> part = Collections.emptyIterator();

        /** @param drafts whether the collection is Drafts served at 16.0 or later, whose items can change whole */
        CommandElements(
                long accountId,
                List<ServerCommand> commands,
                SyncOptions options,
                boolean v14,
                boolean drafts,
                @Nullable AtVersion codec) {
            this.codec = codec;
            this.accountId = accountId;
            this.commands = commands;
            this.options = options;
            this.v14 = v14;
            this.drafts = drafts;
        }

        private boolean whole(ServerCommand command) {
            return codec == null
                    && (command instanceof ServerCommand.Add || (drafts && command instanceof ServerCommand.Change));
        }

        @Override
        public boolean hasNext() {
            return part.hasNext() || next < commands.size();
        }

        @Override
        public WbxmlElement next() {
            if (!part.hasNext()) {
                if (next >= commands.size()) {
                    throw new NoSuchElementException();
                }
                part = nextPart().iterator();
            }
            return part.next();
        }

        private List<WbxmlElement> nextPart() {
            int end = next;
            long bytes = 0;
            while (end < commands.size() && end - next < PART_ITEMS && bytes < PART_BYTES) {
                if (commands.get(end) instanceof ServerCommand.Add(var item, MessageView message)) {
                    bytes += message.size();
                } else if (drafts && commands.get(end) instanceof ServerCommand.Change(var item, MessageView message)) {
                    bytes += message.size();
                }
                end++;
            }
            List<ServerCommand> slice = commands.subList(next, end);
            next = end;
            Map<Long, byte[]> raw = emailItems.rawMimes(
                    accountId,
                    slice.stream()
                            .filter(this::whole)
                            .map(command -> command.item().messageId())
                            .toList());
            return slice.stream().map(command -> element(command, raw)).toList();
        }

        private WbxmlElement element(ServerCommand command, Map<Long, byte[]> raw) {
            String serverId = command.item().text();
            return switch (command) {
                case ServerCommand.Add add
                when codec != null ->
                    WbxmlElement.of(A, "Add").add("ServerId", serverId).add(codec.applicationData(add.view()));
                case ServerCommand.Change change
                when codec != null ->
                    WbxmlElement.of(A, "Change").add("ServerId", serverId).add(codec.applicationData(change.view()));
                case ServerCommand.Add add ->
                    WbxmlElement.of(A, "Add").add("ServerId", serverId).add(whole((MessageView) add.view(), raw));
                case ServerCommand.Change change -> {
                    MessageView message = (MessageView) change.view();
                    yield WbxmlElement.of(A, "Change")
                            .add("ServerId", serverId)
                            .add(drafts ? whole(message, raw) : emailItems.changeData(message, v14));
                }
                case ServerCommand.Delete delete -> WbxmlElement.of(A, "Delete").add("ServerId", serverId);
                case ServerCommand.SoftDelete softDelete ->
                    WbxmlElement.of(A, "SoftDelete").add("ServerId", serverId);
            };
        }

        /**
         * The whole item; in Drafts at 16.0 and later marked as a draft (MS-ASEMAIL 2.2.2.42 IsDraft), and sent whole
         * in a Change too, since a draft's recipients, subject and body can change (MS-ASCMD 2.2.3.24).
         */
        private WbxmlElement whole(MessageView message, Map<Long, byte[]> raw) {
            WbxmlElement data = emailItems.applicationData(
                    accountId, message, raw.get(message.id()), options.bodyPreferences(), options.mimeSupport(), v14);
            return drafts ? data.add(EMAIL2, "IsDraft", "1") : data;
        }
    }
}
