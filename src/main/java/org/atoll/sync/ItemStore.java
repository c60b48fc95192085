package org.atoll.sync;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.atoll.mailbox.FolderType;
import org.atoll.mailbox.ItemView;
import org.jspecify.annotations.Nullable;

/**
 * The store side of one item class (Email, Notes, Contacts, Tasks, Calendar), what the item-sync core of
 * {@link ItemSyncs} asks of it. The core keeps sync keys, windows, replay of a lost response, what each device holds,
 * ClientId de-duplication and conflict records for every class alike; a class answers only for its own items.
 *
 * <p>Item ids are the ids the class journals its changes under (the journal's item id): unique within the account,
 * so the core can compare a journal entry, a held item and a stored item by id alone. Every mutation a class makes
 * must take the account's modseq and journal the folder and item it touched, as {@code Mailboxes} and
 * {@code Notes} do, so that Ping, hanging Sync and every other device see it.
 *
 * <p>A class is a Spring bean implementing this interface; the core picks it by the type of the folder synced.
 */
interface ItemStore {

    /** The folder types whose items this class holds (MS-ASCMD 2.2.3.186.3). */
    Set<FolderType> folderTypes();

    /**
     * Whether everything the class does for a Sync runs plain SQL through {@code JdbcClient}, with no JPA repository or
     * entity: its Syncs then run in a plain JDBC transaction ({@link org.atoll.database.PlainTransactions}), without
     * the Hibernate session a JPA transaction opens and flushes. JPA refuses to begin inside such a transaction, so a
     * class that answers true fails where it still uses JPA; the default is false.
     */
    default boolean plainSql() {
        return false;
    }

    /** Whether the FilterType time windows apply to the class (Email, Calendar; MS-ASCMD 2.2.3.69.2). */
    boolean filtered();

    /**
     * Whether the class takes the FilterType (MS-ASCMD 2.2.3.69.2): every class takes {@link FilterType#ALL}, a
     * {@link #filtered} class the time windows. What a class does not take is synced as ALL.
     */
    default boolean takes(FilterType filter) {
        return filter == FilterType.ALL || (filtered() && filter.timeWindow());
    }

    /**
     * The instant an item's {@link ItemStamp#since} must not be before for the item to be in the FilterType's window
     * at {@code now}, for a filter the class takes.
     */
    default Instant cutoff(FilterType filter, Instant now) {
        return filter.cutoff(now);
    }

    /** Stamps of the items that still exist among {@code ids}, in any order and whatever their folder. */
    List<ItemStamp> stamps(long accountId, Collection<Long> ids);

    /**
     * Stamps of a folder's items whose {@link ItemStamp#since} is at or after {@code since}, in descending
     * (since, id) order, continuing after {@code after} (null: from the first); the first sync scans with it.
     */
    List<ItemStamp> scan(long accountId, long folderId, Instant since, @Nullable ItemStamp after, int limit);

    /** How many items of the folder {@link #scan} would list in all. */
    long count(long accountId, long folderId, Instant since);

    /** The items that still exist among {@code ids}, whole, for the codec to write as Add or Change. */
    List<? extends ItemView> fetch(long accountId, Collection<Long> ids);

    /**
     * {@link #fetch}, with the raw form of the items among {@code withContent} where the class keeps one (a message's
     * MIME) read in the same statement, by id; a class without one reads only the items.
     */
    default Fetched fetchWithContent(long accountId, Collection<Long> ids, Collection<Long> withContent) {
        return new Fetched(fetch(accountId, ids), Map.of());
    }

    /** Items fetched whole, and the raw forms read with them, by id. */
    record Fetched(List<? extends ItemView> items, Map<Long, byte[]> contents) {}

    /**
     * Moves an item of the class to another folder of the class (MoveItems, MS-ASCMD 2.2.1.12), journaled as a
     * removal from its folder and an addition to the other.
     */
    void move(long accountId, long id, long targetFolderId);

    /**
     * Applies a device's Add, Change, Delete and Fetch commands for the collection and answers each that needs an
     * answer, in the commands' order. The core has taken the account's writer lock and runs this as the device
     * ({@code ChangeOrigin}); what the device now holds is told through {@code changes}.
     */
    List<ClientResponse> apply(ClientChanges changes, List<ClientCommand> commands);
}
