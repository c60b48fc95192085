package org.atoll.eas.command;

import java.util.Optional;

/**
 * An attachment's FileReference (MS-ASAIRS 2.2.2.24): the message and the attachment's MIME part path, written
 * {@code message:path}. It names no folder, so it stays valid when the message moves.
 */
record FileReference(long messageId, String partPath) {

    static String of(long messageId, String partPath) {
        return messageId + ":" + partPath;
    }

    static Optional<FileReference> parse(String text) {
        int colon = text.indexOf(':');
        if (text.length() > 256 || colon < 1 || colon > 18) {
            return Optional.empty();
        }
        String message = text.substring(0, colon);
        String path = text.substring(colon + 1);
        if (!message.chars().allMatch(c -> c >= '0' && c <= '9')
                || !path.matches("[1-9][0-9]{0,5}(\\.[1-9][0-9]{0,5}){0,31}")) {
            return Optional.empty();
        }
        return Optional.of(new FileReference(Long.parseLong(message), path));
    }
}
