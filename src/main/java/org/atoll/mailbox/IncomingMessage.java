package org.atoll.mailbox;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A raw message to store with the state it had where it came from, for {@link Mailboxes#deliverAll}.
 *
 * @param raw the message with the digest the caller took of it, so the store does not take it again
 * @param receivedAt when the message arrived at its first home; null for now
 * @param flag the follow-up flag, {@link Flag#CLEARED} for none
 * @param lastVerb whether the message was already answered or forwarded
 */
public record IncomingMessage(
        MessageBytes raw, @Nullable Instant receivedAt, boolean read, Flag flag, LastVerb lastVerb) {

    public byte[] rawMime() {
        return raw.bytes();
    }
}
