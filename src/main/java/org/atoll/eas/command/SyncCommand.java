package org.atoll.eas.command;

import java.time.Clock;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.atoll.database.AdmissionTimedOut;
import org.atoll.database.DatabaseAdmission;
import org.atoll.device.DeviceView;
import org.atoll.eas.command.ItemCodec.AtVersion;
import org.atoll.eas.message.MalformedRequest;
import org.atoll.eas.message.SyncMessage;
import org.atoll.eas.message.SyncMessage.AttachmentReference;
import org.atoll.eas.message.SyncMessage.ClientResult;
import org.atoll.eas.message.SyncMessage.CollectionAnswer;
import org.atoll.eas.message.SyncMessage.CollectionFailed;
import org.atoll.eas.message.SyncMessage.CollectionSynced;
import org.atoll.eas.message.SyncMessage.Failed;
import org.atoll.eas.message.SyncMessage.Named;
import org.atoll.eas.message.SyncMessage.Refused;
import org.atoll.eas.message.SyncMessage.Request;
import org.atoll.eas.message.SyncMessage.Response;
import org.atoll.eas.message.SyncMessage.Status;
import org.atoll.eas.message.SyncMessage.Synced;
import org.atoll.eas.message.WireNumbers;
import org.atoll.eas.request.EasCommand;
import org.atoll.eas.request.EasProtocolVersion;
import org.atoll.mail.MailSubmission;
import org.atoll.mail.Submission;
import org.atoll.mail.SubmissionRefused;
import org.atoll.mailbox.FolderType;
import org.atoll.mailbox.InvalidMailboxRequest;
import org.atoll.mailbox.MailboxException;
import org.atoll.mailbox.Mailboxes;
import org.atoll.mailbox.MessageNotFound;
import org.atoll.mailbox.MessageView;
import org.atoll.push.Parking;
import org.atoll.push.Pings;
import org.atoll.push.PushProperties;
import org.atoll.sync.ClientCommand;
import org.atoll.sync.ClientResponse;
import org.atoll.sync.CollectionRequest;
import org.atoll.sync.CollectionResult;
import org.atoll.sync.ItemId;
import org.atoll.sync.ItemStatus;
import org.atoll.sync.ItemSyncs;
import org.atoll.sync.ServerCommand;
import org.atoll.sync.SyncOptions;
import org.atoll.wbxml.WbxmlElement;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Sync (MS-ASCMD 2.2.1.21): one request names collections with their SyncKeys, options and the device's changes;
 * the response answers each with its next key, the server's changes and the answers to the device's changes. An
 * empty request, or a Partial one, repeats the collections of the previous request.
 */
@Component
class SyncCommand implements WaitingCommand {

    /** The most collections one request may name. */
    static final int MAX_COLLECTIONS = 100;

    /** The most commands one collection of a request may carry. */
    static final int MAX_COMMANDS = 1000;

    /** The most server commands built at once while a window is written. */
    static final int PART_ITEMS = 32;

    /** About the most raw MIME read at once while a window is written (a part holds at least one message). */
    static final long PART_BYTES = 1024 * 1024;

    private static final SyncMessage MESSAGE = new SyncMessage(MAX_COLLECTIONS, MAX_COMMANDS);

    private static final Logger log = LoggerFactory.getLogger(SyncCommand.class);

    /** The purpose tag of the database slot a woken hanging Sync runs in. */
    private static final String WOKEN = "woken-sync";

    private final ItemSyncs itemSyncs;
    private final EmailItems emailItems;
    private final Mailboxes mailboxes;
    private final MailSubmission submissions;
    private final Clock clock;
    private final Parking parking;
    private final Pings pings;
    private final PushProperties push;
    private final List<ItemCodec> codecs;
    private final DatabaseAdmission admission;

    SyncCommand(
            ItemSyncs itemSyncs,
            EmailItems emailItems,
            Mailboxes mailboxes,
            MailSubmission submissions,
            Clock clock,
            Parking parking,
            Pings pings,
            PushProperties push,
            List<ItemCodec> codecs,
            DatabaseAdmission admission) {
        this.codecs = List.copyOf(codecs);
        this.admission = admission;
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
        return MESSAGE.refused(status);
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

    // ---- hanging Sync

    /**
     * A Sync with Wait (minutes, MS-ASCMD 2.2.3.198) or HeartbeatInterval (seconds, 2.2.3.88.2) that finds nothing
     * to send waits on the read-only check a Ping waits on ({@link Pings#awaitChanges}), and runs once more when that
     * finds changes for the device in one of its collections; when the interval runs out first it gets an empty Sync
     * response: HTTP 200 without a body, after which the device repeats its request. Both elements at once are
     * Status 4; an interval outside the bounds is Status 14 with the nearest allowed value in Limit, and changes
     * nothing. A request that carries the device's own changes is answered at once.
     */
    @Override
    public EasAnswer answer(long accountId, DeviceView device, @Nullable WbxmlElement document) {
        if (document == null) {
            return EasAnswer.now(MESSAGE.write(respond(accountId, device, List.of(), true)));
        }
        Request request;
        try {
            request = MESSAGE.read(document);
        } catch (MalformedRequest e) {
            return EasAnswer.now(refused(e.status().code()));
        }
        SyncMessage.Interval asked = request.interval();
        if (asked == null) {
            return EasAnswer.now(MESSAGE.write(sync(accountId, device, request)));
        }
        long min = asked.minutes()
                ? Math.max(1, (push.minHeartbeat().toSeconds() + 59) / 60)
                : push.minHeartbeat().toSeconds();
        long max = asked.minutes()
                ? Math.min(59, push.maxHeartbeat().toMinutes())
                : push.maxHeartbeat().toSeconds();
        if (asked.value() < min || asked.value() > max) {
            return EasAnswer.now(MESSAGE.write(new Failed(Status.INVALID_WAIT, asked.value() < min ? min : max)));
        }
        if (request.carriesChanges()) {
            return EasAnswer.now(MESSAGE.write(sync(accountId, device, request)));
        }
        Duration interval = asked.minutes() ? Duration.ofMinutes(asked.value()) : Duration.ofSeconds(asked.value());
        parking.ensureRoom(accountId, device.id());
        long since = mailboxes.highestModseq(accountId);
        Response first = sync(accountId, device, request);
        if (!(first instanceof Synced synced && synced.nothingToSend())) {
            return EasAnswer.now(MESSAGE.write(first));
        }
        List<Long> folderIds = synced.collections().stream()
                .flatMap(c -> c instanceof CollectionSynced s
                        ? WireNumbers.unsigned(s.collectionId()).stream()
                        : Stream.empty())
                .toList();
        return EasAnswer.later(
                pings.awaitChanges(accountId, device.id(), folderIds, since, interval),
                woken -> woken ? Optional.of(MESSAGE.write(syncAgain(accountId, device, request))) : Optional.empty(),
                Optional::empty);
    }

    /**
     * The Sync of a woken hanging Sync, run again in a database slot of its own: the request gave its slot up when it
     * parked. On the thread of a request that still holds its slot (a change found at once), it runs in that one.
     *
     * @throws AdmissionTimedOut when no slot came free in time; the device is asked to come back
     */
    private Response syncAgain(long accountId, DeviceView device, Request request) {
        try (DatabaseAdmission.Slot _ = admission.enter(WOKEN)) {
            return sync(accountId, device, request);
        }
    }

    private Response sync(long accountId, DeviceView device, Request request) {
        if (request.collections().isEmpty() && !request.partial()) {
            return new Failed(Status.PROTOCOL_ERROR, null);
        }
        EasProtocolVersion version = EasCommandHandler.protocolVersion(device);
        List<Parsed> collections = new ArrayList<>();
        for (SyncMessage.Collection collection : request.collections()) {
            collections.add(parse(accountId, version, collection));
        }
        return respond(accountId, device, collections, request.partial());
    }

    // ---- the device's changes

    /** One collection of the request, or why it cannot be served. */
    /**
     * @param occurrenceDeletes the ServerIds of the Deletes that name one occurrence (MS-ASAIRS 2.2.2.25): applied as
     *     a change of the series, answered as Deletes
     */
    private record Parsed(
            String collectionId,
            @Nullable CollectionRequest request,
            Status failure,
            DraftWork drafts,
            Set<String> occurrenceDeletes) {

        Parsed(String collectionId, @Nullable CollectionRequest request, Status failure) {
            this(collectionId, request, failure, DraftWork.none(), Set.of());
        }
    }

    private Parsed parse(long accountId, EasProtocolVersion version, SyncMessage.Collection collection) {
        if (!(collection instanceof Named named)) {
            Refused refused = (Refused) collection;
            return new Parsed(refused.collectionId(), null, refused.status());
        }
        try {
            DraftWork drafts = DraftWork.none();
            Optional<AtVersion> codec = named.commands().isEmpty()
                    ? Optional.empty()
                    : mailboxes.folderType(accountId, named.folderId()).flatMap(type -> codec(type, version));
            List<ClientCommand> commands = codec.isPresent()
                    ? itemCommands(codec.get(), named.commands())
                    : commands(accountId, named.commands(), drafts);
            return new Parsed(
                    named.collectionId(),
                    new CollectionRequest(
                            named.folderId(), named.syncKey(), named.options(), named.getChanges(), commands),
                    Status.SUCCESS,
                    drafts,
                    named.commands().stream()
                            .filter(c -> c instanceof SyncMessage.Delete delete && delete.instanceId() != null)
                            .map(c -> ((SyncMessage.Delete) c).serverId())
                            .collect(Collectors.toSet()));
        } catch (IllegalArgumentException | InvalidMailboxRequest | DateTimeParseException e) {
            return new Parsed(named.collectionId(), null, Status.PROTOCOL_ERROR);
        }
    }

    private List<ClientCommand> commands(long accountId, List<SyncMessage.ClientCommand> commands, DraftWork drafts) {
        List<ClientCommand> parsed = new ArrayList<>();
        for (SyncMessage.ClientCommand command : commands) {
            parsed.add(
                    switch (command) {
                        case SyncMessage.Change change -> change(accountId, change, drafts);
                        case SyncMessage.Delete delete -> new ClientCommand.Delete(delete.serverId());
                        case SyncMessage.Fetch(String serverId) -> new ClientCommand.Fetch(serverId);
                        case SyncMessage.Add add -> add(add, drafts);
                    });
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
    private static List<ClientCommand> itemCommands(AtVersion codec, List<SyncMessage.ClientCommand> commands) {
        List<ClientCommand> parsed = new ArrayList<>();
        for (SyncMessage.ClientCommand command : commands) {
            parsed.add(
                    switch (command) {
                        case SyncMessage.Add add -> new ClientCommand.AddItem(add.clientId(), codec.read(add.data()));
                        case SyncMessage.Change change
                        when change.instanceId() != null ->
                            new ClientCommand.ChangeItem(
                                    change.serverId(), codec.readOccurrence(change.instanceId(), change.data()));
                        case SyncMessage.Change change ->
                            new ClientCommand.ChangeItem(change.serverId(), codec.read(change.data()));
                        case SyncMessage.Delete delete
                        when delete.instanceId() != null ->
                            new ClientCommand.ChangeItem(
                                    delete.serverId(), codec.readOccurrence(delete.instanceId(), null));
                        case SyncMessage.Delete delete -> new ClientCommand.Delete(delete.serverId());
                        case SyncMessage.Fetch(String serverId) -> new ClientCommand.Fetch(serverId);
                    });
        }
        return parsed;
    }

    /**
     * A client Add: a draft (MS-ASCMD 2.2.3.7.2) with its Read state and Flag, attachments (MS-ASAIRS 2.2.2.2) and
     * perhaps Send. A draft that cannot be written as MIME still gets an answer of its own, Status 6, instead of
     * failing the collection.
     */
    private ClientCommand.Add add(SyncMessage.Add add, DraftWork drafts) {
        String clientId = add.clientId();
        WbxmlElement data = EmailSyncData.orEmpty(add.data());
        byte[] mime;
        try {
            DraftMime.Draft draft = DraftMime.compose(null, -1, data, clock);
            mime = draft.mime();
            drafts.addAttachments().put(clientId, draft.added());
            if (add.send()) {
                drafts.sendAdds().add(clientId);
            }
        } catch (IllegalArgumentException e) {
            mime = new byte[0];
        }
        return new ClientCommand.Add(clientId, mime, EmailSyncData.read(data), EmailSyncData.flag(data, clock));
    }

    /**
     * A client Change of an Email item: Read, Flag and Categories are what a device may change (MS-ASEMAIL); of a
     * draft also its recipients, subject, importance, body and attachments, which rewrite its MIME. A draft whose
     * new content cannot be written gets Status 6 from the store (an empty content).
     */
    private ClientCommand.Change change(long accountId, SyncMessage.Change change, DraftWork drafts) {
        String serverId = change.serverId();
        WbxmlElement data = change.data();
        if (data == null) {
            return new ClientCommand.Change(serverId, null, null, null);
        }
        byte[] content = null;
        Optional<ItemId> item = ItemId.parse(serverId);
        if (EmailSyncData.rewritesDraft(data) && item.isPresent()) {
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
        if (change.send()) {
            drafts.sendChanges().add(serverId);
        }
        return new ClientCommand.Change(
                serverId,
                EmailSyncData.read(data),
                EmailSyncData.flag(data, clock),
                EmailSyncData.categories(data),
                content);
    }

    // ---- answering

    private Response respond(long accountId, DeviceView device, List<Parsed> named, boolean repeatPrevious) {
        Map<String, Parsed> collections = new LinkedHashMap<>();
        if (repeatPrevious) {
            Map<Long, Long> previous = itemSyncs.previousRequest(accountId, device.id());
            if (previous.isEmpty() && named.isEmpty()) {
                return new Failed(Status.INCOMPLETE_REQUEST, null);
            }
            previous.forEach((folderId, key) -> collections.put(
                    Long.toString(folderId),
                    new Parsed(
                            Long.toString(folderId),
                            new CollectionRequest(folderId, key, SyncOptions.Update.NONE, true, List.of()),
                            Status.SUCCESS)));
        }
        named.forEach(parsed -> collections.put(parsed.collectionId(), parsed));

        List<CollectionAnswer> answers = new ArrayList<>();
        List<Long> served = new ArrayList<>();
        boolean alone = collections.size() == 1;
        for (Parsed parsed : collections.values()) {
            answers.add(collection(accountId, device, parsed, served, alone));
        }
        if (!(alone && served.size() == 1)) {
            itemSyncs.rememberRequest(accountId, device.id(), served);
        }
        return new Synced(answers);
    }

    /** @param alone whether the request names this collection alone, which its sync then remembers itself */
    private CollectionAnswer collection(
            long accountId, DeviceView device, Parsed parsed, List<Long> served, boolean alone) {
        CollectionRequest request = parsed.request();
        if (request == null) {
            String resetKey = parsed.failure() == Status.INVALID_SYNC_KEY ? "0" : null;
            return new CollectionFailed(parsed.collectionId(), resetKey, parsed.failure());
        }
        CollectionResult result;
        try {
            result = itemSyncs.sync(accountId, device.id(), request, alone);
        } catch (MailboxException e) {
            return new CollectionFailed(parsed.collectionId(), null, Status.RETRY);
        }
        return switch (result) {
            case CollectionResult.InvalidSyncKey() ->
                new CollectionFailed(parsed.collectionId(), "0", Status.INVALID_SYNC_KEY);
            case CollectionResult.UnknownCollection() ->
                new CollectionFailed(parsed.collectionId(), null, Status.HIERARCHY_CHANGED);
            case CollectionResult.Synced synced -> {
                served.add(request.folderId());
                EasProtocolVersion version = EasCommandHandler.protocolVersion(device);
                boolean drafts = version.atLeast(EasProtocolVersion.V16_0) && synced.folderType() == FolderType.DRAFTS;
                AtVersion codec = codec(synced.folderType(), version).orElse(null);
                CollectionSynced answer = synced(accountId, parsed, synced, version, drafts, codec);
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

    private CollectionSynced synced(
            long accountId,
            Parsed parsed,
            CollectionResult.Synced synced,
            EasProtocolVersion version,
            boolean drafts,
            @Nullable AtVersion codec) {
        SyncOptions options = synced.options();
        Iterable<SyncMessage.ServerCommand> commands = synced.commands().isEmpty()
                ? null
                : () -> new CommandElements(accountId, synced.commands(), options, version, drafts, codec);
        List<ClientResult> responses = new ArrayList<>();
        for (ClientResponse response : synced.responses()) {
            responses.add(
                    switch (response) {
                        case ClientResponse.Changed changed
                        when parsed.occurrenceDeletes().contains(changed.serverId()) ->
                            new SyncMessage.DeleteResult(changed.serverId(), changed.status());
                        case ClientResponse.Changed changed ->
                            new SyncMessage.ChangeResult(
                                    changed.serverId(),
                                    changed.status(),
                                    attachments(
                                            changed.serverId(),
                                            changed.status() == ItemStatus.SUCCESS
                                                    ? parsed.drafts()
                                                            .changeAttachments()
                                                            .get(changed.serverId())
                                                    : null));
                        case ClientResponse.Deleted deleted ->
                            new SyncMessage.DeleteResult(deleted.serverId(), deleted.status());
                        case ClientResponse.Fetched fetched ->
                            new SyncMessage.FetchResult(
                                    fetched.serverId(),
                                    fetched.status(),
                                    codec == null
                                            ? emailItems.applicationData(
                                                    accountId,
                                                    (MessageView) fetched.item(),
                                                    options.bodyPreferences(),
                                                    options.mimeSupport(),
                                                    version)
                                            : codec.applicationData(fetched.item()));
                        case ClientResponse.Added added ->
                            new SyncMessage.AddResult(
                                    added.clientId(),
                                    added.serverId(),
                                    added.status(),
                                    attachments(
                                            added.serverId(),
                                            added.status() == ItemStatus.SUCCESS
                                                    ? parsed.drafts()
                                                            .addAttachments()
                                                            .get(added.clientId())
                                                    : null));
                        case ClientResponse.NotFetched notFetched ->
                            new SyncMessage.FetchResult(notFetched.serverId(), notFetched.status(), null);
                    });
        }
        return new CollectionSynced(
                parsed.collectionId(), synced.syncKey(), synced.moreAvailable(), commands, responses);
    }

    /**
     * MS-ASAIRS 2.2.2.7: for each attachment the device added to a draft, its ClientId with the FileReference that
     * names it from now on (and that a later Delete names).
     */
    private static List<AttachmentReference> attachments(String serverId, @Nullable Map<String, String> added) {
        Optional<ItemId> item = ItemId.parse(serverId);
        if (added == null || added.isEmpty() || item.isEmpty()) {
            return List.of();
        }
        List<AttachmentReference> references = new ArrayList<>();
        added.forEach((clientId, partPath) -> references.add(
                new AttachmentReference(clientId, FileReference.of(item.get().messageId(), partPath))));
        return references;
    }

    /**
     * A window's server commands, built as they are written: the raw MIME of the Adds is read a part at a time (at
     * most {@link #PART_ITEMS} commands or about {@link #PART_BYTES} of messages), so a window of large messages
     * never sits in memory whole.
     */
    private final class CommandElements implements Iterator<SyncMessage.ServerCommand> {
        private final long accountId;
        private final List<ServerCommand> commands;
        private final SyncOptions options;
        private final EasProtocolVersion version;
        private final boolean drafts;
        private final @Nullable AtVersion codec;
        private int next;
        private Iterator<SyncMessage.ServerCommand> part = Collections.emptyIterator();

        /** @param drafts whether the collection is Drafts served at 16.0 or later, whose items can change whole */
        CommandElements(
                long accountId,
                List<ServerCommand> commands,
                SyncOptions options,
                EasProtocolVersion version,
                boolean drafts,
                @Nullable AtVersion codec) {
            this.codec = codec;
            this.accountId = accountId;
            this.commands = commands;
            this.options = options;
            this.version = version;
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
        public SyncMessage.ServerCommand next() {
            if (!part.hasNext()) {
                if (next >= commands.size()) {
                    throw new NoSuchElementException();
                }
                part = nextPart().iterator();
            }
            return part.next();
        }

        private List<SyncMessage.ServerCommand> nextPart() {
            int end = next;
            long bytes = 0;
            while (end < commands.size() && end - next < PART_ITEMS && bytes < PART_BYTES) {
                if (commands.get(end) instanceof ServerCommand.Add(var item, MessageView message, var content)) {
                    bytes += message.size();
                } else if (drafts && commands.get(end) instanceof ServerCommand.Change(var item, MessageView message)) {
                    bytes += message.size();
                }
                end++;
            }
            List<ServerCommand> slice = commands.subList(next, end);
            next = end;
            Map<Long, byte[]> raw = new HashMap<>(emailItems.rawMimes(
                    accountId,
                    slice.stream()
                            .filter(this::whole)
                            .filter(command -> !(command instanceof ServerCommand.Add add && add.content() != null))
                            .map(command -> command.item().messageId())
                            .toList()));
            for (ServerCommand command : slice) {
                if (command instanceof ServerCommand.Add add && add.content() != null) {
                    raw.put(add.item().messageId(), add.content());
                }
            }
            return slice.stream().map(command -> element(command, raw)).toList();
        }

        private SyncMessage.ServerCommand element(ServerCommand command, Map<Long, byte[]> raw) {
            String serverId = command.item().text();
            return switch (command) {
                case ServerCommand.Add add
                when codec != null -> new SyncMessage.ServerAdd(serverId, codec.applicationData(add.view()));
                case ServerCommand.Change change
                when codec != null -> new SyncMessage.ServerChange(serverId, codec.applicationData(change.view()));
                case ServerCommand.Add add -> new SyncMessage.ServerAdd(serverId, whole((MessageView) add.view(), raw));
                case ServerCommand.Change change -> {
                    MessageView message = (MessageView) change.view();
                    yield new SyncMessage.ServerChange(
                            serverId,
                            drafts
                                    ? whole(message, raw)
                                    : emailItems.changeData(message, version.atLeast(EasProtocolVersion.V14_0)));
                }
                case ServerCommand.Delete delete -> new SyncMessage.ServerDelete(serverId);
                case ServerCommand.SoftDelete softDelete -> new SyncMessage.ServerSoftDelete(serverId);
            };
        }

        /**
         * The whole item; in Drafts at 16.0 and later marked as a draft (MS-ASEMAIL 2.2.2.42 IsDraft), and sent whole
         * in a Change too, since a draft's recipients, subject and body can change (MS-ASCMD 2.2.3.24).
         */
        private WbxmlElement whole(MessageView message, Map<Long, byte[]> raw) {
            WbxmlElement data = emailItems.applicationData(
                    accountId,
                    message,
                    raw.get(message.id()),
                    options.bodyPreferences(),
                    options.mimeSupport(),
                    version);
            return drafts ? EmailSyncData.markedDraft(data) : data;
        }
    }
}
