package org.atoll.sync;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.atoll.mailbox.FolderType;
import org.atoll.mailbox.FolderView;
import org.atoll.mailbox.Mailboxes;
import org.springframework.stereotype.Component;

/** Which item class serves a folder, and the options as that class takes them. */
@Component
class ItemClasses {

    private final Mailboxes mailboxes;
    private final List<ItemStore> stores;
    private final ItemStore email;

    ItemClasses(Mailboxes mailboxes, List<ItemStore> stores, EmailItemStore email) {
        this.mailboxes = mailboxes;
        this.stores = List.copyOf(stores);
        this.email = email;
    }

    Optional<FolderView> folder(long accountId, long folderId) {
        return mailboxes.findFolder(accountId, folderId);
    }

    /**
     * The type of the account's folder as this node knows it (a folder keeps its type for life), without a read
     * once known; a folder deleted since is caught by the opening read of its collection.
     */
    Optional<FolderType> type(long accountId, long folderId) {
        return mailboxes.folderType(accountId, folderId);
    }

    /** Email, the class of every folder type no other class claims. */
    ItemStore email() {
        return email;
    }

    /** The item class whose items a folder of this type holds; Email for any type no other class claims. */
    ItemStore store(FolderType type) {
        for (ItemStore store : stores) {
            if (store != email && store.folderTypes().contains(type)) {
                return store;
            }
        }
        return email;
    }

    /** The class of each of the account's folders. */
    Map<Long, ItemStore> storesOf(long accountId) {
        Map<Long, ItemStore> byFolder = new HashMap<>();
        mailboxes.folders(accountId).forEach(folder -> byFolder.put(folder.id(), store(folder.type())));
        return byFolder;
    }

    /** The options as they apply to the class: a FilterType only where the class takes it (MS-ASCMD 2.2.3.69.2). */
    static SyncOptions effective(ItemStore store, SyncOptions options) {
        return store.takes(options.filter())
                ? options
                : new SyncOptions(
                        FilterType.ALL,
                        options.conflict(),
                        options.deletesAsMoves(),
                        options.windowSize(),
                        options.mimeSupport(),
                        options.bodyPreferences());
    }
}
