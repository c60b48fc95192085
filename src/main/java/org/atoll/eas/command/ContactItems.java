package org.atoll.eas.command;

import java.util.Set;
import org.atoll.contacts.ContactEas;
import org.atoll.contacts.MalformedContact;
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
 * Contacts in Sync (MS-ASCNTC 2.2.2) through {@link ContactEas}: the Contacts (code page 1) and Contacts2 (12)
 * elements, with the notes as an AirSyncBase Body of Type 1. A contact that breaks MS-ASCNTC ({@link MalformedContact})
 * or that the store cannot hold is answered with Status 6.
 */
@Component
class ContactItems implements ItemCodec {

    /**
     * The version the codec writes and reads at: MS-ASCNTC defines the same elements for every version from 12.0 on
     * that Atoll serves, so {@link ContactEas} writes one form for all of them.
     */
    private static final int PROTOCOL_VERSION = 141;

    @Override
    public Set<FolderType> folderTypes() {
        return Contacts.FOLDER_TYPES;
    }

    @Override
    public WbxmlElement applicationData(ItemView item) {
        return ContactEas.applicationData(((ContactView) item).contact(), PROTOCOL_VERSION, null);
    }

    @Override
    public @Nullable ItemContent read(@Nullable WbxmlElement data) {
        if (data == null) {
            return null;
        }
        try {
            return new ContactContent(ContactEas.read(data, PROTOCOL_VERSION));
        } catch (MalformedContact | InvalidMailboxRequest e) {
            return null;
        }
    }
}
