package org.atoll.sync;

import java.util.List;
import org.atoll.mailbox.Flag;
import org.atoll.mailbox.ItemContent;
import org.jspecify.annotations.Nullable;

/** A change a device sends for an item of a collection (MS-ASCMD 2.2.3.32, Commands in a Sync request). */
public sealed interface ClientCommand {

    /** The ServerId as the device sent it. */
    String serverId();

    /**
     * New values for what the device changed; null for what it left alone.
     *
     * @param content a draft's new raw MIME when the device edited the draft itself (its recipients, subject, body
     *     or attachments, MS-ASCMD 2.2.3.24 from protocol 16.0); only items of the Drafts folder take it, elsewhere
     *     it is ignored as Exchange ignores such properties of a message; empty when it could not be written (Status 6)
     */
    record Change(
            String serverId,
            @Nullable Boolean read,
            @Nullable Flag flag,
            @Nullable List<String> categories,
            byte @Nullable [] content)
            implements ClientCommand {

        public Change(String serverId, @Nullable Boolean read, @Nullable Flag flag, @Nullable List<String> categories) {
            this(serverId, read, flag, categories, null);
        }
    }

    record Delete(String serverId) implements ClientCommand {}

    /**
     * A new item of a class other than Email (a note), as that class's codec read its ApplicationData; its ClientId
     * is remembered per device like an Email Add's.
     *
     * @param content what the item says, or null when the codec could not read it (Status 6, MS-ASCMD 2.2.3.177.17)
     */
    record AddItem(String clientId, @Nullable ItemContent content) implements ClientCommand {

        public AddItem {
            if (clientId.isEmpty() || clientId.length() > 64) {
                throw new IllegalArgumentException("A ClientId has 1 to 64 characters");
            }
        }

        @Override
        public String serverId() {
            return "";
        }
    }

    /**
     * A device's new content for an item of a class other than Email, which replaces what the item said.
     *
     * @param content null when the codec could not read it (Status 6)
     */
    record ChangeItem(String serverId, @Nullable ItemContent content) implements ClientCommand {}

    record Fetch(String serverId) implements ClientCommand {}

    /**
     * A new item the device made (a draft), as raw MIME. Its ClientId is remembered per device, so a resent Add
     * gets the first one's ServerId instead of a second message.
     *
     * @param read the draft's read state; null leaves it read, as drafts are
     * @param flag the draft's flag, or null for none
     */
    record Add(
            String clientId,
            byte[] mime,
            @Nullable Boolean read,
            @Nullable Flag flag) implements ClientCommand {

        public Add(String clientId, byte[] mime) {
            this(clientId, mime, null, null);
        }

        public Add {
            if (clientId.isEmpty() || clientId.length() > 64) {
                throw new IllegalArgumentException("A ClientId has 1 to 64 characters");
            }
        }

        /** An Add has no ServerId until the server gives it one. */
        @Override
        public String serverId() {
            return "";
        }
    }
}
