package org.atoll.eas.command;

import java.util.Set;
import org.atoll.contacts.ContactEas;
import org.atoll.contacts.MalformedContact;
import org.atoll.eas.request.EasProtocolVersion;
import org.atoll.mailbox.ContactContent;
import org.atoll.mailbox.ContactView;
import org.atoll.mailbox.Contacts;
import org.atoll.mailbox.FolderType;
import org.atoll.mailbox.InvalidMailboxRequest;
import org.atoll.mailbox.ItemContent;
import org.atoll.mailbox.ItemView;
import org.atoll.wbxml.WbxmlElement;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Contacts in Sync (MS-ASCNTC 2.2.2) through {@link ContactEas}, at the device's protocol version: the Contacts (code
 * page 1) and Contacts2 (12) elements, with the notes as an AirSyncBase Body of Type 1. The elements of the Contact
 * class a client writes are the same from 12.1 to 16.1; Alias and WeightedRank (14.0 on) belong to the recipient
 * information cache and are neither written here nor accepted. A contact that breaks MS-ASCNTC
 * ({@link MalformedContact}) or that the store cannot hold is answered with Status 6.
 */
@Component
class ContactItems implements ItemCodec {

    @Override
    public Set<FolderType> folderTypes() {
        return Contacts.FOLDER_TYPES;
    }

    @Override
    public WbxmlElement applicationData(ItemView item, EasProtocolVersion version) {
        return ContactEas.applicationData(((ContactView) item).contact(), version.code(), null);
    }

    @Override
    public @Nullable ItemContent read(@Nullable WbxmlElement data, EasProtocolVersion version) {
        if (data == null) {
            return null;
        }
        try {
            return new ContactContent(ContactEas.read(data, version.code()));
        } catch (MalformedContact | InvalidMailboxRequest e) {
            return null;
        }
    }
}
