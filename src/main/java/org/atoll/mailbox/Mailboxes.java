package org.atoll.mailbox;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.atoll.account.AccountCreated;
import org.atoll.account.AccountDeleted;
import org.atoll.database.PlainTransactions;
import org.atoll.mailbox.internal.Attachments;
import org.atoll.mailbox.internal.Blobs;
import org.atoll.mailbox.internal.Change;
import org.atoll.mailbox.internal.Folder;
import org.atoll.mailbox.internal.FolderReads;
import org.atoll.mailbox.internal.FolderRepository;
import org.atoll.mailbox.internal.Journal;
import org.atoll.mailbox.internal.JournalPruning;
import org.atoll.mailbox.internal.Message;
import org.atoll.mailbox.internal.MessageChanges;
import org.atoll.mailbox.internal.MessageReads;
import org.atoll.mailbox.internal.MessageRepository;
import org.atoll.mailbox.internal.MessageStamps;
import org.atoll.mailbox.internal.NewMessages;
import org.atoll.mime.MimeParser;
import org.atoll.mime.ParsedMessage;
import org.atoll.mime.ParsedWithText;
import org.jspecify.annotations.Nullable;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.IllegalTransactionStateException;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The one way to read and change a mailbox, for every front end. Each mutation is one transaction that takes the
 * account's next modseq and journals every folder and message it touched; a refused request changes nothing.
 *
 * <p>Every mutation takes the modseq before it reads what it changes: the counter row's lock is what keeps two
 * writers of one account from working on the same state.
 *
 * <p>What an Email Sync calls runs only plain SQL, so that the Sync can run in a plain JDBC transaction
 * ({@link PlainTransactions}) without a Hibernate session: its mutations ({@link #change}, {@link #rewrite},
 * {@link #deliver(long, long, byte[], Instant)}) join the caller's transaction or begin a plain one, and its reads
 * join the caller's transaction, plain or JPA, with {@code Propagation.SUPPORTS}.
 */
@Service
public class Mailboxes {

    /** Largest raw message accepted. */
    public static final int MAX_MESSAGE_BYTES = 64 * 1024 * 1024;

    /** Most entries one journal read returns. */
    public static final int MAX_PAGE = 10_000;

    private static final int MAX_FOLDER_NAME = 255;

    /**
     * The types of folders looked up by their id. A folder keeps its type for life and an id is never given to
     * another folder, so an entry can only be missing, never wrong; a folder deleted since is still caught by the
     * caller's own read.
     */
    private final Cache<FolderKey, FolderType> folderTypes =
            Caffeine.newBuilder().maximumSize(100_000).build();

    private record FolderKey(long accountId, long folderId) {}

    private final FolderRepository folders;
    private final MessageRepository messages;
    private final Journal journal;
    private final Blobs blobs;
    private final Attachments attachments;
    private final MessageStamps stamps;
    private final NewMessages newMessages;
    private final PlainTransactions plain;
    private final MimeParser parser;
    private final Clock clock;
    private final JournalPruning pruning;
    private final MessageChanges messageChanges;
    private final MessageReads messageReads;
    private final FolderReads folderReads;

    Mailboxes(
            FolderRepository folders,
            MessageRepository messages,
            Journal journal,
            Blobs blobs,
            Attachments attachments,
            MessageStamps stamps,
            NewMessages newMessages,
            PlainTransactions plain,
            Clock clock,
            JournalPruning pruning,
            MessageChanges messageChanges,
            MessageReads messageReads,
            FolderReads folderReads) {
        this.plain = plain;
        this.folderReads = folderReads;
        this.messageChanges = messageChanges;
        this.messageReads = messageReads;
        this.pruning = pruning;
        this.folders = folders;
        this.messages = messages;
        this.journal = journal;
        this.blobs = blobs;
        this.attachments = attachments;
        this.stamps = stamps;
        this.newMessages = newMessages;
        this.parser = new MimeParser();
        this.clock = clock;
    }

    /** Every new account gets its mailbox and system folders in the transaction that opens the account. */
    @EventListener
    void onAccountCreated(AccountCreated event) {
        journal.open(event.accountId());
        Change change = journal.begin(event.accountId());
        for (SystemFolder role : SystemFolder.values()) {
            Folder folder = folders.saveAndFlush(
                    new Folder(event.accountId(), null, role.displayName(), role.type(), role, change.modseq()));
            change.folderCreated(folder.id());
        }
        journal.commit(change);
    }

    /**
     * A deleted account's messages go in the transaction that deletes it; its folders, blobs and journal follow
     * the account row by their foreign keys.
     */
    @EventListener
    void onAccountDeleted(AccountDeleted event) {
        messages.deleteAllOfAccount(event.accountId());
    }

    // ---- folders

    @Transactional(readOnly = true)
    public List<FolderView> folders(long accountId) {
        return folders.findByAccountIdOrderById(accountId).stream()
                .map(Folder::view)
                .toList();
    }

    @Transactional(readOnly = true)
    public FolderView folder(long accountId, long folderId) {
        return loadFolder(accountId, folderId).view();
    }

    /**
     * The type of the account's folder, or empty when it is not the account's: read once per node, as it never
     * changes, so a request can choose how to read its items without a database round trip.
     */
    public Optional<FolderType> folderType(long accountId, long folderId) {
        FolderKey key = new FolderKey(accountId, folderId);
        FolderType known = folderTypes.getIfPresent(key);
        if (known != null) {
            return Optional.of(known);
        }
        Optional<FolderType> type = folderReads.type(accountId, folderId);
        type.ifPresent(t -> folderTypes.put(key, t));
        return type;
    }

    /** The folder, or empty when it is not the account's; for callers inside a transaction that must go on. */
    @Transactional(readOnly = true)
    public Optional<FolderView> findFolder(long accountId, long folderId) {
        return folders.findByAccountIdAndId(accountId, folderId).map(Folder::view);
    }

    @Transactional(readOnly = true)
    public FolderView systemFolder(long accountId, SystemFolder role) {
        return folders.findByAccountIdAndRole(accountId, role.name())
                .orElseThrow(() -> new MailboxNotFound(accountId))
                .view();
    }

    /**
     * @throws FolderNotFound when the parent is not a folder of the account
     * @throws FolderNameTaken when the parent already has a folder of that name
     * @throws InvalidMailboxRequest when the name or type is not allowed
     */
    @Transactional
    public FolderView createFolder(long accountId, @Nullable Long parentId, String name, FolderType type) {
        String checkedName = folderName(name);
        if (type.code() < FolderType.USER_GENERIC.code()
                || (type.code() < FolderType.USER_MAIL.code() && type != FolderType.USER_GENERIC)) {
            throw new InvalidMailboxRequest("Only user folder types can be created, not " + type);
        }
        Change change = journal.begin(accountId);
        if (parentId != null) {
            loadFolder(accountId, parentId);
        }
        if (folders.nameTaken(accountId, parentId, checkedName)) {
            throw new FolderNameTaken(checkedName);
        }
        Folder folder = folders.saveAndFlush(new Folder(accountId, parentId, checkedName, type, null, change.modseq()));
        change.folderCreated(folder.id());
        journal.commit(change);
        return folder.view();
    }

    /**
     * Renames a folder and moves it under another parent (null for the top level).
     *
     * @throws SystemFolderProtected for a system folder
     * @throws InvalidMailboxRequest when the new parent is the folder itself or one of its descendants
     */
    @Transactional
    public FolderView updateFolder(long accountId, long folderId, @Nullable Long newParentId, String newName) {
        String checkedName = folderName(newName);
        Change change = journal.begin(accountId);
        Folder folder = loadFolder(accountId, folderId);
        if (folder.role() != null) {
            throw new SystemFolderProtected(folder.name());
        }
        if (newParentId != null) {
            loadFolder(accountId, newParentId);
            if (descendantsAndSelf(accountId, folderId).contains(newParentId)) {
                throw new InvalidMailboxRequest("A folder cannot move into itself or its own subfolders");
            }
        }
        boolean sameName = folder.name().equalsIgnoreCase(checkedName);
        boolean sameParent = Objects.equals(folder.parentId(), newParentId);
        if (!(sameParent && sameName) && folders.nameTaken(accountId, newParentId, checkedName)) {
            throw new FolderNameTaken(checkedName);
        }
        folder.relocate(newParentId, checkedName, change.modseq());
        folders.flush();
        change.folderUpdated(folderId);
        journal.commit(change);
        return folder.view();
    }

    /**
     * Deletes a folder with its subfolders and every message in them.
     *
     * @throws SystemFolderProtected for a system folder
     */
    @Transactional
    public void deleteFolder(long accountId, long folderId) {
        Change change = journal.begin(accountId);
        Folder folder = loadFolder(accountId, folderId);
        if (folder.role() != null) {
            throw new SystemFolderProtected(folder.name());
        }
        List<Long> doomed = descendantsAndSelf(accountId, folderId);
        List<Message> contents = messages.findByAccountIdAndFolderIdIn(accountId, doomed);
        removePermanently(accountId, contents);
        for (Long id : doomed.reversed()) {
            folders.deleteById(id);
            folders.flush();
            change.folderDeleted(id);
        }
        journal.commit(change);
    }

    // ---- messages

    /**
     * Stores a raw message in a folder. Any bytes are accepted: a message whose MIME cannot be parsed is kept as
     * received with what could be read of its envelope. Parsed before its transaction, which runs only plain SQL
     * ({@link PlainTransactions}) or joins the caller's.
     *
     * @throws QuotaExceeded when the message does not fit in the account's quota
     * @throws FolderNotFound when the folder is not the account's
     * @throws InvalidMailboxRequest when the message is empty or larger than {@link #MAX_MESSAGE_BYTES}
     */
    public MessageView deliver(long accountId, long folderId, byte[] rawMime, @Nullable Instant receivedAt) {
        checkSize(rawMime);
        MessageBytes raw = MessageBytes.of(rawMime);
        ParsedWithText parsed = parser.parseWithText(rawMime);
        return plain.run(() -> {
            Change change = journal.beginWithinQuota(accountId, raw.size());
            MessageView stored = newMessages
                    .add(change, folderId, raw, parsed, receivedAt(receivedAt), false)
                    .orElseThrow(() -> new FolderNotFound(folderId));
            journal.commit(change);
            return stored;
        });
    }

    /**
     * Stores a raw message in one of the account's system folders, as {@link #deliver(long, long, byte[], Instant)}
     * does, and journals it once as added with its read state: what mail delivery (the Inbox) and sending (the copy
     * in Sent Items, already read) need without looking the folder up first.
     *
     * @throws QuotaExceeded when the message does not fit in the account's quota
     * @throws MailboxNotFound when the account has no mailbox
     * @throws InvalidMailboxRequest when the message is empty or larger than {@link #MAX_MESSAGE_BYTES}
     */
    public MessageView deliver(
            long accountId, SystemFolder folder, byte[] rawMime, @Nullable Instant receivedAt, boolean read) {
        checkSize(rawMime);
        return deliver(accountId, folder, MessageBytes.of(rawMime), receivedAt, read);
    }

    /**
     * As {@link #deliver(long, SystemFolder, byte[], Instant, boolean)}, for a message whose digest was taken while
     * it was read.
     */
    public MessageView deliver(
            long accountId, SystemFolder folder, MessageBytes raw, @Nullable Instant receivedAt, boolean read) {
        checkSize(raw.bytes());
        return deliver(accountId, folder, raw, parser.parseWithText(raw.bytes()), receivedAt, read);
    }

    /** Stores a message parsed by {@link MimeParser#parseWithText} from {@code raw}, for {@link Invitations}. */
    MessageView deliver(
            long accountId,
            SystemFolder folder,
            MessageBytes raw,
            ParsedWithText parsed,
            @Nullable Instant receivedAt,
            boolean read) {
        checkSize(raw.bytes());
        return plain.run(() -> {
            Change change = journal.beginWithinQuota(accountId, raw.size());
            MessageView stored = newMessages
                    .add(change, folder, raw, parsed, receivedAt(receivedAt), read)
                    .orElseThrow(() -> new MailboxNotFound(accountId));
            journal.commit(change);
            return stored;
        });
    }

    /**
     * Replaces a message's content with new raw MIME, keeping its id, folder, thread, received time, read state, flag
     * and categories: what a device's edit of a draft does (MS-ASCMD 2.2.3.24 Change, drafts through Sync from
     * protocol 16.0). Journaled as a change of the message, so every other device fetches it again. The quota must
     * have room for the new content before the old one is freed. Parsed before its transaction, which runs only plain
     * SQL ({@link PlainTransactions}) or joins the caller's.
     *
     * @throws MessageNotFound when the message is not the account's
     * @throws QuotaExceeded when the new content does not fit in the account's quota
     * @throws InvalidMailboxRequest when the message is empty or larger than {@link #MAX_MESSAGE_BYTES}
     */
    public MessageView rewrite(long accountId, long messageId, byte[] rawMime) {
        checkSize(rawMime);
        ParsedMessage parsed = parser.parse(rawMime);
        return plain.run(() -> {
            Change change = journal.beginWithinQuota(accountId, rawMime.length);
            NewMessages.Replaced old = newMessages
                    .replace(change, messageId, rawMime, parsed)
                    .orElseThrow(() -> new MessageNotFound(messageId));
            journal.addUsedBytes(accountId, -old.size());
            blobs.deleteIfUnreferenced(accountId, old.sha256());
            MessageView view = messageReads.of(accountId, List.of(messageId), List.of()).stream()
                    .map(StoredMessage::view)
                    .findFirst()
                    .orElseThrow(() -> new MessageNotFound(messageId));
            change.messageChanged(view.folderId(), messageId);
            journal.commit(change);
            return view;
        });
    }

    /**
     * Stores several raw messages in one folder as one mutation: one modseq, one quota check for all of them, one
     * journal entry each, announced once. Each keeps the read state, flag and last verb it arrives with, so a device
     * syncing meanwhile gets it whole in its first Add. What an import from another server uses, in batches.
     *
     * @return the stored messages, in the order given
     * @throws QuotaExceeded when the messages together do not fit in the account's quota; then none is stored
     * @throws FolderNotFound when the folder is not the account's
     * @throws InvalidMailboxRequest when a message is empty or larger than {@link #MAX_MESSAGE_BYTES}
     */
    @Transactional
    public List<MessageView> deliverAll(long accountId, long folderId, List<IncomingMessage> batch) {
        if (batch.isEmpty()) {
            return List.of();
        }
        long bytes = 0;
        List<ParsedWithText> parsed = new ArrayList<>(batch.size());
        for (IncomingMessage incoming : batch) {
            checkSize(incoming.rawMime());
            bytes += incoming.rawMime().length;
            parsed.add(parser.parseWithText(incoming.rawMime()));
        }
        Change change = journal.beginWithinQuota(accountId, bytes);
        List<MessageView> stored = new ArrayList<>(batch.size());
        Map<Long, IncomingMessage> marked = new HashMap<>();
        for (int i = 0; i < batch.size(); i++) {
            IncomingMessage incoming = batch.get(i);
            MessageView view = newMessages
                    .add(
                            change,
                            folderId,
                            incoming.raw(),
                            parsed.get(i),
                            receivedAt(incoming.receivedAt()),
                            incoming.read())
                    .orElseThrow(() -> new FolderNotFound(folderId));
            stored.add(view);
            if (!incoming.flag().equals(Flag.CLEARED) || incoming.lastVerb() != LastVerb.NONE) {
                marked.put(view.id(), incoming);
            }
        }
        if (!marked.isEmpty()) {
            Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
            for (Message message : messages.findByAccountIdAndIdIn(accountId, marked.keySet())) {
                IncomingMessage incoming = marked.get(message.id());
                message.flag(incoming.flag(), change.modseq());
                if (incoming.lastVerb() != LastVerb.NONE) {
                    message.recordVerb(incoming.lastVerb(), now, change.modseq());
                }
            }
            messages.flush();
        }
        journal.commit(change);
        if (marked.isEmpty()) {
            return stored;
        }
        Map<Long, MessageView> reread = new HashMap<>();
        messages(accountId, marked.keySet()).forEach(view -> reread.put(view.id(), view));
        return stored.stream().map(view -> reread.getOrDefault(view.id(), view)).toList();
    }

    static void checkSize(byte[] rawMime) {
        if (rawMime.length == 0 || rawMime.length > MAX_MESSAGE_BYTES) {
            throw new InvalidMailboxRequest("A message must have between 1 and " + MAX_MESSAGE_BYTES + " bytes");
        }
    }

    private Instant receivedAt(@Nullable Instant receivedAt) {
        return (receivedAt == null ? clock.instant() : receivedAt).truncatedTo(ChronoUnit.MICROS);
    }

    /**
     * Removes every message of a folder for good and, with {@code withSubfolders}, every folder below it with its
     * messages; the folder itself stays (MS-ASCMD 2.2.3.51 EmptyFolderContents).
     */
    @Transactional
    public void emptyFolder(long accountId, long folderId, boolean withSubfolders) {
        Change change = journal.begin(accountId);
        loadFolder(accountId, folderId);
        List<Long> below = descendantsAndSelf(accountId, folderId).stream()
                .filter(id -> id != folderId)
                .toList();
        if (!withSubfolders) {
            below = List.of();
        }
        List<Long> emptied = new ArrayList<>(below);
        emptied.add(folderId);
        List<Message> contents = messages.findByAccountIdAndFolderIdIn(accountId, emptied);
        contents.stream()
                .filter(message -> message.folderId() == folderId)
                .forEach(message -> change.messageRemoved(folderId, message.id()));
        removePermanently(accountId, contents);
        for (Long id : below.reversed()) {
            folders.deleteById(id);
            folders.flush();
            change.folderDeleted(id);
        }
        journal.commit(change);
    }

    /** The ids of every message of the thread, in whatever folder. */
    @Transactional(readOnly = true)
    public List<Long> thread(long accountId, long threadId) {
        return messages.findIdsByThread(accountId, threadId);
    }

    @Transactional(readOnly = true)
    public MessageView message(long accountId, long messageId) {
        Message message = loadMessage(accountId, messageId);
        return message.view(attachments.of(accountId, List.of(messageId)).getOrDefault(messageId, List.of()));
    }

    /** Newest first. */
    @Transactional(readOnly = true)
    public List<MessageView> messages(long accountId, long folderId, int offset, int limit) {
        if (offset < 0 || limit < 1 || limit > MAX_PAGE) {
            throw new InvalidMailboxRequest("Page through a folder with offset >= 0 and 1 <= limit <= " + MAX_PAGE);
        }
        loadFolder(accountId, folderId);
        List<Message> page = messages.findInFolder(accountId, folderId, limit, offset);
        return views(accountId, page);
    }

    @Transactional(readOnly = true)
    public List<MessageView> messages(long accountId, Collection<Long> messageIds) {
        return views(accountId, messages.findByAccountIdAndIdIn(accountId, messageIds));
    }

    /**
     * The messages that exist among {@code messageIds}, in no particular order, with their envelopes and attachments
     * and, for those among {@code withMime}, their raw MIME, in one read.
     */
    @Transactional(readOnly = true, propagation = Propagation.SUPPORTS)
    public List<StoredMessage> messagesWithMime(
            long accountId, Collection<Long> messageIds, Collection<Long> withMime) {
        return messageReads.of(accountId, messageIds, withMime);
    }

    @Transactional(readOnly = true)
    public long count(long accountId, long folderId) {
        return messages.countByAccountIdAndFolderId(accountId, folderId);
    }

    @Transactional(readOnly = true)
    public byte[] rawMime(long accountId, long messageId) {
        Message message = loadMessage(accountId, messageId);
        return blobs.read(accountId, message.blobSha256()).orElseThrow(() -> new MessageNotFound(messageId));
    }

    /** The raw MIME of several messages in one read, by message id; messages that are gone are left out. */
    @Transactional(readOnly = true)
    public Map<Long, byte[]> rawMimes(long accountId, Collection<Long> messageIds) {
        return blobs.ofMessages(accountId, messageIds);
    }

    /** @throws MessageNotFound when any of the messages is not the account's; then none is changed */
    @Transactional
    public void setRead(long accountId, Collection<Long> messageIds, boolean read) {
        mutate(accountId, messageIds, (message, modseq) -> bit(message.markRead(read, modseq), MessageProperty.READ));
    }

    @Transactional
    public void setFlag(long accountId, Collection<Long> messageIds, Flag flag) {
        mutate(accountId, messageIds, (message, modseq) -> bit(message.flag(flag, modseq), MessageProperty.FLAG));
    }

    @Transactional
    public void setCategories(long accountId, long messageId, List<String> categories) {
        List<String> checked = checkedCategories(categories);
        mutate(
                accountId,
                List.of(messageId),
                (message, modseq) -> bit(message.categorize(checked, modseq), MessageProperty.CATEGORIES));
    }

    /**
     * Applies several messages' changes of read state, flag and categories as one mutation: one modseq, one load,
     * one journal write. A message whose values are already those asked for is not journaled.
     *
     * @throws MessageNotFound when any of the messages is not the account's; then none is changed
     * @throws InvalidMailboxRequest when categories break {@link #setCategories}'s limits; then none is changed
     */
    @Transactional
    public void update(long accountId, Map<Long, MessageUpdate> updates) {
        Map<Long, List<String>> categories = new HashMap<>();
        updates.forEach((id, update) -> {
            if (update.categories() != null) {
                categories.put(id, checkedCategories(update.categories()));
            }
        });
        mutate(accountId, updates.keySet(), (message, modseq) -> {
            MessageUpdate update = updates.get(message.id());
            int changed = 0;
            if (update.read() != null) {
                changed |= bit(message.markRead(update.read(), modseq), MessageProperty.READ);
            }
            if (update.flag() != null) {
                changed |= bit(message.flag(update.flag(), modseq), MessageProperty.FLAG);
            }
            if (categories.containsKey(message.id())) {
                changed |= bit(message.categorize(categories.get(message.id()), modseq), MessageProperty.CATEGORIES);
            }
            return changed;
        });
    }

    /**
     * Applies a device's changes of read state, flag and categories and its deletions of messages as one mutation:
     * one modseq, one journal batch, and for the changes and the moves into Deleted Items one statement that reads
     * neither envelope nor MIME. A deletion moves the message into Deleted Items, or removes it for good when it
     * already is there or {@code toDeletedItems} is false; a message both changed and deleted is deleted. Messages
     * that are not the account's are left alone, and a message whose values are already those asked for is not
     * journaled. Runs only plain SQL ({@link PlainTransactions}), in the caller's transaction when there is one.
     *
     * @return the stamps of the messages changed or moved, as they now are
     * @throws InvalidMailboxRequest when categories break {@link #setCategories}'s limits; then none is changed
     */
    public List<MessageStamp> change(
            long accountId, Map<Long, MessageUpdate> updates, Collection<Long> deletes, boolean toDeletedItems) {
        Map<Long, MessageUpdate> changing = new LinkedHashMap<>(updates);
        changing.keySet().removeAll(deletes);
        Map<Long, List<String>> categories = new HashMap<>();
        changing.forEach((id, update) -> {
            if (update.categories() != null) {
                categories.put(id, checkedCategories(update.categories()));
            }
        });
        return plain.run(() -> {
            Change change = journal.begin(accountId);
            MessageChanges.Applied applied =
                    messageChanges.apply(change, changing, categories, toDeletedItems ? deletes : List.of());
            List<Long> forGood = toDeletedItems ? applied.inDeletedItems() : List.copyOf(deletes);
            List<MessageChanges.Removed> removed = messageChanges.remove(accountId, forGood);
            if (!removed.isEmpty()) {
                long freed = 0;
                Set<ByteBuffer> shas = new LinkedHashSet<>();
                for (MessageChanges.Removed message : removed) {
                    change.messageRemoved(message.folderId(), message.id());
                    freed += message.size();
                    shas.add(ByteBuffer.wrap(message.sha256()));
                }
                shas.forEach(sha -> blobs.deleteIfUnreferenced(accountId, sha.array()));
                journal.addUsedBytes(accountId, -freed);
            }
            journal.commit(change);
            return applied.stamps();
        });
    }

    /** Records that the user replied to or forwarded the message. */
    @Transactional
    public void recordVerb(long accountId, long messageId, LastVerb verb) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        mutate(accountId, List.of(messageId), (message, modseq) -> {
            message.recordVerb(verb, now, modseq);
            return MessageProperty.LAST_VERB.bit();
        });
    }

    /**
     * Moves messages to another folder. Each message is in exactly one folder before and after, whatever fails.
     *
     * @return the moved messages
     */
    @Transactional
    public List<MessageView> move(long accountId, Collection<Long> messageIds, long targetFolderId) {
        Change change = journal.begin(accountId);
        loadFolder(accountId, targetFolderId);
        List<Message> moving = loadMessages(accountId, messageIds);
        relocate(change, moving, targetFolderId);
        messages.flush();
        journal.commit(change);
        return views(accountId, moving);
    }

    /**
     * Deletes messages the way a mail client does: into Deleted Items, or for good when they already are there.
     */
    @Transactional
    public void delete(long accountId, Collection<Long> messageIds) {
        Change change = journal.begin(accountId);
        long trash = systemFolder(accountId, SystemFolder.DELETED_ITEMS).id();
        List<Message> toTrash = new ArrayList<>();
        List<Message> forGood = new ArrayList<>();
        for (Message message : loadMessages(accountId, messageIds)) {
            (message.folderId() == trash ? forGood : toTrash).add(message);
        }
        relocate(change, toTrash, trash);
        messages.flush();
        forGood.forEach(message -> change.messageRemoved(message.folderId(), message.id()));
        removePermanently(accountId, forGood);
        journal.commit(change);
    }

    @Transactional
    public void deletePermanently(long accountId, Collection<Long> messageIds) {
        Change change = journal.begin(accountId);
        List<Message> doomed = loadMessages(accountId, messageIds);
        doomed.forEach(message -> change.messageRemoved(message.folderId(), message.id()));
        removePermanently(accountId, doomed);
        journal.commit(change);
    }

    /**
     * Stamps of a folder's messages received at or after {@code since}, newest first, continuing after
     * {@code after} (null: from the newest).
     */
    @Transactional(readOnly = true, propagation = Propagation.SUPPORTS)
    public List<MessageStamp> stamps(
            long accountId, long folderId, Instant since, @Nullable MessageStamp after, int limit) {
        return stamps.inFolder(accountId, folderId, since, after, checkLimit(limit));
    }

    /** Stamps of the messages that still exist among {@code messageIds}, in no particular order. */
    @Transactional(readOnly = true, propagation = Propagation.SUPPORTS)
    public List<MessageStamp> stamps(long accountId, Collection<Long> messageIds) {
        return stamps.of(accountId, messageIds);
    }

    /** How many messages of a folder were received at or after {@code since}. */
    @Transactional(readOnly = true, propagation = Propagation.SUPPORTS)
    public long count(long accountId, long folderId, Instant since) {
        return stamps.countInFolder(accountId, folderId, since);
    }

    /**
     * Takes the account's writer lock until the caller's transaction ends, without changing anything: what the
     * caller reads after it stays true for the mutations it makes next, because no other writer of the account can
     * come in between. The caller's transaction may be plain ({@link PlainTransactions}) or JPA.
     *
     * @throws IllegalTransactionStateException when the caller has no transaction
     */
    public void holdWriterLock(long accountId) {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalTransactionStateException("The writer lock is held by the caller's transaction");
        }
        journal.lock(accountId);
    }

    /**
     * Whether a message of {@code bytes} fits in the account's mailbox now, within its quota; after
     * {@link #holdWriterLock} the answer holds until the transaction ends.
     */
    @Transactional
    public boolean fits(long accountId, long bytes) {
        return journal.fits(accountId, bytes);
    }

    // ---- the journal

    @Transactional(readOnly = true, propagation = Propagation.SUPPORTS)
    public long highestModseq(long accountId) {
        return journal.highestModseq(accountId);
    }

    /** At most {@code limit} message changes of one folder after a position, in O(changes). */
    @Transactional(readOnly = true, propagation = Propagation.SUPPORTS)
    public ChangePage changes(long accountId, long folderId, JournalPosition after, int limit) {
        return journal.changesIn(accountId, folderId, after, checkLimit(limit));
    }

    @Transactional(readOnly = true)
    public ChangePage hierarchyChanges(long accountId, JournalPosition after, int limit) {
        return journal.hierarchyChanges(accountId, after, checkLimit(limit));
    }

    @Transactional(readOnly = true)
    public Set<Long> foldersChangedSince(long accountId, long modseq) {
        return journal.foldersChangedSince(accountId, modseq);
    }

    /**
     * The last message entry of the folder removed from the journal for its age ({@link JournalPosition#START} when
     * none was): changes read from a position before it are incomplete, and the reader must start over.
     */
    @Transactional(readOnly = true, propagation = Propagation.SUPPORTS)
    public JournalPosition journalHorizon(long accountId, long folderId) {
        return pruning.horizon(accountId, folderId);
    }

    /**
     * The properties of a message in a folder that others than {@code device} changed after {@code modseq}, all of
     * them when one such change touched the whole message or the journal no longer reaches back that far: what a
     * device's change of the message, made on its state at {@code modseq}, conflicts with (MS-ASCMD 2.2.3.34).
     */
    @Transactional(readOnly = true, propagation = Propagation.SUPPORTS)
    public Set<MessageProperty> changedSince(long accountId, long folderId, long messageId, long modseq, long device) {
        if (JournalPosition.afterModseq(modseq).compareTo(journalHorizon(accountId, folderId)) < 0) {
            return EnumSet.allOf(MessageProperty.class);
        }
        return journal.propertiesChangedSince(accountId, folderId, messageId, modseq, device)
                .map(MessageProperty::of)
                .orElseGet(() -> EnumSet.allOf(MessageProperty.class));
    }

    /** {@link #journalHorizon} of the folder entries (created, updated, deleted). */
    @Transactional(readOnly = true)
    public JournalPosition hierarchyHorizon(long accountId) {
        return pruning.hierarchyHorizon(accountId);
    }

    /** Accounts after {@code afterAccount} whose journal holds entries written before {@code cutoff}. */
    @Transactional(readOnly = true)
    public List<Long> accountsWithJournalBefore(Instant cutoff, long afterAccount, int limit) {
        return pruning.accountsWithEntriesBefore(cutoff, afterAccount, limit);
    }

    /**
     * The last of the account's oldest journal entries, at most {@code limit}, all written before {@code cutoff};
     * empty when the oldest entry is newer.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public Optional<JournalPosition> journalPrefixBefore(long accountId, Instant cutoff, int limit) {
        return pruning.oldestPrefixBefore(accountId, cutoff, limit);
    }

    /**
     * Removes the account's journal entries through {@code through}, moving the horizons with them.
     *
     * @return how many entries were removed
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public long removeJournalThrough(long accountId, JournalPosition through) {
        return pruning.removeThrough(accountId, through);
    }

    /** Forgets the journal horizons of up to {@code limit} deleted folders. */
    @Transactional
    public long forgetHorizonsOfDeletedFolders(int limit) {
        return pruning.forgetDeletedFolders(limit);
    }

    // ---- helpers

    /** A change of some properties of a message; answers the bits of those it changed, 0 for none. */
    private interface Mutation {
        int apply(Message message, long modseq);
    }

    private static int bit(boolean changed, MessageProperty property) {
        return changed ? property.bit() : 0;
    }

    private void mutate(long accountId, Collection<Long> messageIds, Mutation mutation) {
        Change change = journal.begin(accountId);
        for (Message message : loadMessages(accountId, messageIds)) {
            int changed = mutation.apply(message, change.modseq());
            if (changed != 0) {
                change.propertiesChanged(message.folderId(), message.id(), changed);
            }
        }
        messages.flush();
        journal.commit(change);
    }

    private static void relocate(Change change, List<Message> moving, long targetFolderId) {
        for (Message message : moving) {
            long source = message.folderId();
            if (source != targetFolderId) {
                message.moveTo(targetFolderId, change.modseq());
                change.messageRemoved(source, message.id());
                change.messageAdded(targetFolderId, message.id());
            }
        }
    }

    private void removePermanently(long accountId, List<Message> doomed) {
        if (doomed.isEmpty()) {
            return;
        }
        long freed = 0;
        Set<ByteBuffer> shas = new LinkedHashSet<>();
        for (Message message : doomed) {
            freed += message.size();
            shas.add(ByteBuffer.wrap(message.blobSha256()));
            messages.delete(message);
        }
        messages.flush();
        shas.forEach(sha -> blobs.deleteIfUnreferenced(accountId, sha.array()));
        journal.addUsedBytes(accountId, -freed);
    }

    private List<Long> descendantsAndSelf(long accountId, long folderId) {
        Map<Long, List<Long>> children = new HashMap<>();
        for (Folder f : folders.findByAccountIdOrderById(accountId)) {
            if (f.parentId() != null) {
                children.computeIfAbsent(f.parentId(), k -> new ArrayList<>()).add(f.id());
            }
        }
        List<Long> result = new ArrayList<>();
        Deque<Long> pending = new ArrayDeque<>(List.of(folderId));
        while (!pending.isEmpty()) {
            Long next = pending.removeFirst();
            result.add(next);
            pending.addAll(children.getOrDefault(next, List.of()));
        }
        return result;
    }

    private List<MessageView> views(long accountId, List<Message> page) {
        Map<Long, List<Attachment>> attached =
                attachments.of(accountId, page.stream().map(Message::id).toList());
        return page.stream()
                .map(m -> m.view(attached.getOrDefault(m.id(), List.of())))
                .toList();
    }

    private Folder loadFolder(long accountId, long folderId) {
        return folders.findByAccountIdAndId(accountId, folderId).orElseThrow(() -> new FolderNotFound(folderId));
    }

    private Message loadMessage(long accountId, long messageId) {
        return messages.findByAccountIdAndId(accountId, messageId).orElseThrow(() -> new MessageNotFound(messageId));
    }

    private List<Message> loadMessages(long accountId, Collection<Long> messageIds) {
        Set<Long> wanted = new LinkedHashSet<>(messageIds);
        if (wanted.isEmpty()) {
            throw new InvalidMailboxRequest("No message given");
        }
        List<Message> found = messages.findByAccountIdAndIdIn(accountId, wanted);
        if (found.size() != wanted.size()) {
            Set<Long> missing = new LinkedHashSet<>(wanted);
            found.forEach(m -> missing.remove(m.id()));
            throw new MessageNotFound(missing.iterator().next());
        }
        return found;
    }

    private static List<String> checkedCategories(List<String> categories) {
        List<String> checked = categories.stream().map(String::strip).distinct().toList();
        if (checked.size() > 64
                || checked.stream()
                        .anyMatch(c ->
                                c.isEmpty() || c.length() > 255 || c.chars().anyMatch(Character::isISOControl))) {
            throw new InvalidMailboxRequest("At most 64 categories of 1 to 255 printable characters");
        }
        return checked;
    }

    private static int checkLimit(int limit) {
        if (limit < 1 || limit > MAX_PAGE) {
            throw new InvalidMailboxRequest("Read between 1 and " + MAX_PAGE + " journal entries at a time");
        }
        return limit;
    }

    private static String folderName(@Nullable String name) {
        String stripped = name == null ? "" : name.strip();
        if (stripped.isEmpty()
                || stripped.length() > MAX_FOLDER_NAME
                || stripped.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidMailboxRequest("A folder name has 1 to " + MAX_FOLDER_NAME + " printable characters");
        }
        return stripped;
    }
}
