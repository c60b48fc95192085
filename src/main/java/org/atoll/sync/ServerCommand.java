package org.atoll.sync;

import org.atoll.mailbox.MessageView;

/** A change the server sends a device for an item of a collection (MS-ASCMD 2.2.3.32, Commands in a response). */
public sealed interface ServerCommand {

    ItemId item();

    /** An item the device does not hold yet. */
    record Add(ItemId item, MessageView message) implements ServerCommand {}

    /** An item whose read state, flag, categories or last verb changed since the device received it. */
    record Change(ItemId item, MessageView message) implements ServerCommand {}

    /** An item that was deleted or moved out of the collection. */
    record Delete(ItemId item) implements ServerCommand {}

    /** An item that fell out of the FilterType window; it still exists on the server. */
    record SoftDelete(ItemId item) implements ServerCommand {}
}
