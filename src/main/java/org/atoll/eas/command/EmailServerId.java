package org.atoll.eas.command;

import java.util.Optional;

/**
 * The ServerId of an email item as devices see it: {@code <folderId>:<messageId>}, both decimal. The sync engine
 * hands these out; this class is the one place the mail commands read them, so a change of format stays here.
 */
record EmailServerId(long folderId, long messageId) {

    /** The id, or empty for anything but two numbers of {@link WireNumbers#unsigned} joined by one colon. */
    static Optional<EmailServerId> parse(String text) {
        int colon = text.indexOf(':');
        if (colon < 0 || text.indexOf(':', colon + 1) >= 0) {
            return Optional.empty();
        }
        Optional<Long> folder = WireNumbers.unsigned(text.substring(0, colon));
        Optional<Long> message = WireNumbers.unsigned(text.substring(colon + 1));
        if (folder.isEmpty() || message.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new EmailServerId(folder.get(), message.get()));
    }

    String text() {
        return folderId + ":" + messageId;
    }
}
