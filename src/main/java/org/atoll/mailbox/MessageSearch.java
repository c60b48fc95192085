package org.atoll.mailbox;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.atoll.mailbox.internal.Folder;
import org.atoll.mailbox.internal.FolderRepository;
import org.atoll.mailbox.internal.SearchIndex;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Full-text search of one mailbox, for every front end (ActiveSync Search and Find, the REST API). Every message is
 * indexed in the statement that stores it; a word query costs O(log n) in the size of the mailbox plus the matches
 * it reads. A search sees the caller's mailbox only: the account id keys every read.
 */
@Service
public class MessageSearch {

    /** The most matches one search returns (MS-ASCMD 2.2.3.143.3: a Range of at most 100 items). */
    public static final int MAX_RESULTS = 100;

    /** The longest query text. */
    public static final int MAX_TEXT_LENGTH = 256;

    /** The most words one query holds. */
    public static final int MAX_WORDS = 16;

    private final SearchIndex index;
    private final FolderRepository folders;
    private final Mailboxes mailboxes;

    MessageSearch(SearchIndex index, FolderRepository folders, Mailboxes mailboxes) {
        this.index = index;
        this.folders = folders;
        this.mailboxes = mailboxes;
    }

    /**
     * The matches of the query from position {@code offset}, at most {@code limit} (capped at {@link #MAX_RESULTS}),
     * newest first.
     *
     * @throws InvalidMailboxRequest when the query has no criterion, too long a text or too many words, or the range
     *     is negative
     * @throws FolderNotFound when a folder is not the account's
     */
    @Transactional(readOnly = true)
    public SearchResults search(long accountId, MessageQuery query, int offset, int limit) {
        if (offset < 0 || limit < 1) {
            throw new InvalidMailboxRequest("A search range starts at 0 and holds at least one message");
        }
        String text = query.text().strip();
        if (text.length() > MAX_TEXT_LENGTH || text.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidMailboxRequest(
                    "Search text has at most " + MAX_TEXT_LENGTH + " characters and no control characters");
        }
        List<String> words = text.isEmpty() ? List.of() : index.words(text);
        if (words.size() > MAX_WORDS) {
            throw new InvalidMailboxRequest("A search has at most " + MAX_WORDS + " words");
        }
        if (words.isEmpty() && query.folderIds().isEmpty() && query.threadId() == null) {
            throw new InvalidMailboxRequest("A search names words, a folder or a conversation");
        }
        SearchIndex.Criteria criteria = new SearchIndex.Criteria(
                words,
                folderIds(accountId, query.folderIds(), query.withSubfolders()),
                query.receivedAfter(),
                query.receivedBefore(),
                query.threadId());
        List<Long> ids = index.find(accountId, criteria, offset, Math.min(limit, MAX_RESULTS));
        int window = Math.min(limit, MAX_RESULTS);
        long total = ids.size() < window && (offset == 0 || !ids.isEmpty())
                ? offset + ids.size()
                : index.count(accountId, criteria);
        Map<Long, MessageView> found = mailboxes.messages(accountId, ids).stream()
                .collect(Collectors.toMap(MessageView::id, Function.identity()));
        List<MessageView> ordered =
                ids.stream().filter(found::containsKey).map(found::get).toList();
        return new SearchResults(ordered, offset, total);
    }

    /** Whether the account has written to the address: a message of its Sent Items names it in To or Cc. */
    @Transactional(readOnly = true)
    public boolean hasWrittenTo(long accountId, String address) {
        return index.wroteTo(accountId, address);
    }

    private Set<Long> folderIds(long accountId, Set<Long> asked, boolean withSubfolders) {
        if (asked.isEmpty()) {
            return Set.of();
        }
        List<Folder> all = folders.findByAccountIdOrderById(accountId);
        Set<Long> existing = all.stream().map(Folder::id).collect(Collectors.toSet());
        for (Long id : asked) {
            if (!existing.contains(id)) {
                throw new FolderNotFound(id);
            }
        }
        if (!withSubfolders) {
            return asked;
        }
        Map<Long, List<Long>> children = new HashMap<>();
        for (Folder folder : all) {
            if (folder.parentId() != null) {
                children.computeIfAbsent(folder.parentId(), k -> new ArrayList<>())
                        .add(folder.id());
            }
        }
        Set<Long> result = new LinkedHashSet<>();
        List<Long> pending = new ArrayList<>(asked);
        while (!pending.isEmpty()) {
            Long next = pending.removeLast();
            if (result.add(next)) {
                pending.addAll(children.getOrDefault(next, List.of()));
            }
        }
        return result;
    }
}
