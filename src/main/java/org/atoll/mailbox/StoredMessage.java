package org.atoll.mailbox;

import org.jspecify.annotations.Nullable;

/**
 * A message's envelope and state with its raw MIME when it was read with them.
 *
 * @param rawMime the message as received, null when it was not asked for
 */
public record StoredMessage(MessageView view, byte @Nullable [] rawMime) {}
