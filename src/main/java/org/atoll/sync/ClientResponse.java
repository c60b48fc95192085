package org.atoll.sync;

import org.atoll.mailbox.ItemView;

/**
 * The answer to one of a device's commands (MS-ASCMD 2.2.3.154, Responses). Successful changes and deletions get
 * none, the spec asking only for failures of those, except a change that rewrote a draft: its answer may carry the
 * attachments the device added (MS-ASAIRS 2.2.2.7).
 */
public sealed interface ClientResponse {

    String serverId();

    ItemStatus status();

    /** A failed change, or a draft whose content the device rewrote (its answer may name new attachments). */
    record Changed(String serverId, ItemStatus status) implements ClientResponse {}

    record Deleted(String serverId, ItemStatus status) implements ClientResponse {}

    record Fetched(String serverId, ItemView item) implements ClientResponse {
        @Override
        public ItemStatus status() {
            return ItemStatus.SUCCESS;
        }
    }

    record NotFetched(String serverId, ItemStatus status) implements ClientResponse {}

    /** The answer to an Add: the new item's ServerId on success, empty otherwise. */
    record Added(String clientId, String serverId, ItemStatus status) implements ClientResponse {}
}
