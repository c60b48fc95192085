/**
 * Per-device sync state: sync keys, the journal position each covers, and the replay of a lost response; the
 * item-sync core that serves every item class alike.
 *
 * <h2>The sync engine, by job</h2>
 *
 * {@link org.atoll.sync.ItemSyncs} is the module's API for item sync: each of its methods is one transaction over
 * package-private classes with one job each, none of which knows an item class:
 *
 * <ul>
 *   <li>{@code SyncKeys}: state and replay bookkeeping. SyncKey 0 resets a collection, the current key goes on, the
 *       previous key is answered again after the held items of the lost response are undone (MS-ASCMD 3.1.5.9), any
 *       other key or one behind the journal's horizon is invalid; the next key and the state a response ends in are
 *       stored; the collections of the last request are remembered for an empty one (MS-ASCMD 2.2.3.131).
 *   <li>{@code ClientChangeApplier}: the device's Add, Change, Delete and Fetch, applied through the collection's
 *       class with ClientId de-duplication and conflict records, and recorded as held so they are never echoed.
 *   <li>{@code PendingChanges}: what the device has not seen. The journal after its position, the first scan,
 *       FilterType aging where the class has one and the reconciliation after a FilterType change give Adds,
 *       Changes, Deletes and SoftDeletes, a window (and an 8 MiB budget) at a time with MoreAvailable; the same
 *       decisions made without writing count GetItemEstimate, answer a poll that nothing changed, and tell Ping
 *       (one device, or many devices of an account at once) which folders have something.
 *   <li>{@code DeviceMoves}: MoveItems within a class and ItemOperations' Move and EmptyFolderContents, with the
 *       bookkeeping that gives the moving device no echo.
 *   <li>{@code SyncPass} is one request's work on one collection; {@code ItemClasses} picks a folder's class.
 * </ul>
 *
 * <h2>The item-class seam</h2>
 *
 * A class plugs in with two beans:
 *
 * <ul>
 *   <li>an {@link org.atoll.sync.ItemStore} (here): the folder types it holds, the FilterTypes it takes
 *       ({@code filtered()} for the time windows, {@code takes(filter)} and {@code cutoff(filter, now)} for others,
 *       as Tasks take 8, the incomplete tasks), and its store queries: {@code stamps(account, ids)} and
 *       {@code scan(account, folder, since, after, limit)} as {@link org.atoll.sync.ItemStamp}s, {@code count},
 *       {@code fetch(account, ids)} of whole items as {@link org.atoll.mailbox.ItemView}s, {@code move} for
 *       MoveItems within the class, and {@code apply(ClientChanges, commands)} for the device's Add, Change, Delete
 *       and Fetch, where {@link org.atoll.sync.ClientChanges} gives the shared bookkeeping ({@code target},
 *       {@code heldModseqs}, {@code serverWins}, {@code earlierAdd}, {@code added}, {@code holds},
 *       {@code dropped});
 *   <li>an {@code ItemCodec} in {@code org.atoll.eas.command}: {@code folderTypes()},
 *       {@code applicationData(item, version)} writing an item's ApplicationData as the class defines it at the
 *       device's protocol version, and {@code read(applicationData, version)} turning a device's into an
 *       {@link org.atoll.mailbox.ItemContent} (null: Status 6). Client commands of such a class arrive as
 *       {@link org.atoll.sync.ClientCommand.AddItem} and {@link org.atoll.sync.ClientCommand.ChangeItem}.
 * </ul>
 *
 * A class whose items a device writes whole (Notes, Contacts, Tasks) extends {@code WholeItemStore}, which answers
 * the queries and applies Add (with ClientId de-duplication), Change (with the conflict check), Delete, Fetch and
 * their Status 6 and 8 fallbacks once for all; such a class gives only its store calls ({@code find},
 * {@code inFolder}, {@code countIn}, {@code create}, {@code update}, {@code delete}, {@code moveTo}, {@code size}).
 *
 * <p>Conflicts (MS-ASCMD 2.2.3.34) are decided per property where the class has properties a device changes
 * alone: a message's Read, Flag and Categories. The journal records which {@link org.atoll.mailbox.MessageProperty}
 * values each change touched (none recorded: the whole item), and a device's change conflicts only with a change of
 * one of its own properties that someone else made after the state the device holds; such a clash follows the
 * collection's Conflict option and is recorded. When the server wins, the clashing properties keep the server's
 * values (Status 7) and the rest of the same Change stands. A whole-item class's Change touches every property.
 *
 * <p>The class's store must journal every change through the account's modseq counter with the item's id as the
 * journal's item id (ids unique within the account), as {@link org.atoll.mailbox.Notes} does: that is what makes
 * its changes reach Ping, hanging Sync and every other device, and never echo to the device that made them.
 * Email ({@code EmailItemStore}, MS-ASEMAIL) serves every folder type no other class claims; Notes
 * ({@code NoteItemStore}, MS-ASNOTE) folder types 10 and 17; Contacts ({@code ContactItemStore}, MS-ASCNTC) folder
 * types 9 and 14; Tasks ({@code TaskItemStore}, MS-ASTASK) folder types 7 and 15;
 * Calendar ({@code CalendarItemStore}, MS-ASCAL) folder types 8 and 13, filtered by the end of an event's last
 * occurrence.
 */
@NullMarked
package org.atoll.sync;

import org.jspecify.annotations.NullMarked;
