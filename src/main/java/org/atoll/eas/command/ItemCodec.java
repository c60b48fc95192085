package org.atoll.eas.command;

import java.util.Set;
import org.atoll.mailbox.FolderType;
import org.atoll.mailbox.ItemContent;
import org.atoll.mailbox.ItemView;
import org.atoll.wbxml.WbxmlElement;
import org.jspecify.annotations.Nullable;

/**
 * The EAS side of one item class other than Email (MS-ASNOTE for Notes, MS-ASCNTC for Contacts, MS-ASTASK for Tasks): how an item is
 * written as the ApplicationData of a Sync Add, Change or Fetch, and how a device's ApplicationData is read into
 * what the item says. {@link SyncCommand} picks the codec by the type of the collection's folder; Email keeps its
 * own reader and writer ({@link EmailItems}, {@link DraftMime}).
 */
interface ItemCodec {

    /** The folder types whose collections this codec serves, the same as its class's {@code ItemStore}. */
    Set<FolderType> folderTypes();

    /** The item as an AirSync ApplicationData element (MS-ASCMD 2.2.3.11). */
    WbxmlElement applicationData(ItemView item);

    /**
     * What a device's ApplicationData says, or null when it cannot be read as an item of the class: that item then
     * gets Status 6 (MS-ASCMD 2.2.3.177.17), and the rest of the collection goes on.
     */
    @Nullable
    ItemContent read(@Nullable WbxmlElement applicationData);
}
