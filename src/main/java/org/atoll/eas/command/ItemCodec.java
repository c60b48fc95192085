package org.atoll.eas.command;

import java.util.Set;
import org.atoll.eas.request.EasProtocolVersion;
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

    /**
     * The item as an AirSync ApplicationData element (MS-ASCMD 2.2.3.11), with the elements the class defines at the
     * device's protocol version and no others.
     */
    WbxmlElement applicationData(ItemView item, EasProtocolVersion version);

    /**
     * What a device's ApplicationData says, read as the class defines it at the device's protocol version, or null
     * when it cannot be read as an item of the class: that item then gets Status 6 (MS-ASCMD 2.2.3.177.17), and the
     * rest of the collection goes on.
     */
    @Nullable
    ItemContent read(@Nullable WbxmlElement applicationData, EasProtocolVersion version);

    /**
     * The change of one occurrence of a recurring item that a 16.x device names by the InstanceId of its Change or
     * Delete (MS-ASAIRS 2.2.2.25): with {@code applicationData} the fields it changes, without it the occurrence
     * deleted. Null, answered with Status 6, for a class that has no occurrences or a value that cannot be read.
     */
    default @Nullable ItemContent readOccurrence(
            String instanceId, @Nullable WbxmlElement applicationData, EasProtocolVersion version) {
        return null;
    }

    /** This codec for one request, at the version the device speaks. */
    default AtVersion at(EasProtocolVersion version) {
        return new AtVersion(this, version);
    }

    /** A codec bound to the protocol version of the request it serves. */
    record AtVersion(ItemCodec codec, EasProtocolVersion version) {

        WbxmlElement applicationData(ItemView item) {
            return codec.applicationData(item, version);
        }

        @Nullable
        ItemContent read(@Nullable WbxmlElement applicationData) {
            return codec.read(applicationData, version);
        }

        @Nullable
        ItemContent readOccurrence(String instanceId, @Nullable WbxmlElement applicationData) {
            return codec.readOccurrence(instanceId, applicationData, version);
        }
    }
}
