package org.atoll.sync;

import java.util.Optional;

/**
 * The ServerId of an item of any class: the folder the item is in and the item, written {@code folder:item} in
 * decimal. A message keeps its number when it moves, so the ServerId changes with the folder (MS-ASCMD
 * 2.2.3.48.1 DstMsgId).
 */
public record ItemId(long folderId, long messageId) {

    /** ServerId is a string of at most 64 characters, MS-ASCMD 2.2.3.166.4. */
    private static final int MAX_LENGTH = 64;

    public static Optional<ItemId> parse(String text) {
        int colon = text.indexOf(':');
        if (text.length() > MAX_LENGTH || colon < 1 || colon == text.length() - 1) {
            return Optional.empty();
        }
        return number(text.substring(0, colon))
                .flatMap(folder -> number(text.substring(colon + 1)).map(message -> new ItemId(folder, message)));
    }

    private static Optional<Long> number(String digits) {
        if (digits.length() > 18 || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return Optional.empty();
        }
        return Optional.of(Long.parseLong(digits));
    }

    public String text() {
        return folderId + ":" + messageId;
    }

    @Override
    public String toString() {
        return text();
    }
}
