package org.atoll.sync;

import org.atoll.mailbox.ItemView;
import org.jspecify.annotations.Nullable;

/** A change the server sends a device for an item of a collection (MS-ASCMD 2.2.3.32, Commands in a response). */
public sealed interface ServerCommand {

    ItemId item();

    /**
     * An item the device does not hold yet, as its class's store fetched it.
     *
     * @param content the item's raw form (a message's MIME) when the store read it with the item, else null
     */
    record Add(ItemId item, ItemView view, byte @Nullable [] content) implements ServerCommand {

        public Add(ItemId item, ItemView view) {
            this(item, view, null);
        }
    }

    /**
     * An item that changed since the device received it (for a message: its read state, flag, categories or last
     * verb; for a note: anything).
     */
    record Change(ItemId item, ItemView view) implements ServerCommand {}

    /** An item that was deleted or moved out of the collection. */
    record Delete(ItemId item) implements ServerCommand {}

    /** An item that fell out of the FilterType window; it still exists on the server. */
    record SoftDelete(ItemId item) implements ServerCommand {}
}
