/**
 * Per-device sync state: sync keys, the journal position each covers, and the replay of a lost response; the
 * item-sync core that serves every item class alike.
 *
 * <h2>The item-class seam</h2>
 *
 * {@link org.atoll.sync.ItemSyncs} knows no item class. It keeps, for every class alike, the SyncKeys and their
 * replay (MS-ASCMD 3.1.5.9), windows and MoreAvailable, the first scan, FilterType aging where the class has one,
 * what each device holds ({@code device_item}), ClientId de-duplication, conflict records, GetItemEstimate counts
 * and the "is there anything?" check of Ping. A class plugs in with two beans:
 *
 * <ul>
 *   <li>an {@link org.atoll.sync.ItemStore} (here): the folder types it holds, whether FilterType applies, and its
 *       store queries: {@code stamps(account, ids)} and {@code scan(account, folder, since, after, limit)} as
 *       {@link org.atoll.sync.ItemStamp}s, {@code count}, {@code fetch(account, ids)} of whole items as
 *       {@link org.atoll.mailbox.ItemView}s, and {@code apply(ClientChanges, commands)} for the device's Add,
 *       Change, Delete and Fetch, where {@link org.atoll.sync.ClientChanges} gives the shared bookkeeping
 *       ({@code target}, {@code heldModseqs}, {@code serverWins}, {@code earlierAdd}, {@code added}, {@code holds},
 *       {@code dropped});
 *   <li>an {@code ItemCodec} in {@code org.atoll.eas.command}: {@code folderTypes()}, {@code applicationData(item)}
 *       writing an item's ApplicationData, and {@code read(applicationData)} turning a device's into an
 *       {@link org.atoll.mailbox.ItemContent} (null: Status 6). Client commands of such a class arrive as
 *       {@link org.atoll.sync.ClientCommand.AddItem} and {@link org.atoll.sync.ClientCommand.ChangeItem}.
 * </ul>
 *
 * The class's store must journal every change through the account's modseq counter with the item's id as the
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
