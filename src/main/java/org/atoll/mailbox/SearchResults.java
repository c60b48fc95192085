package org.atoll.mailbox;

import java.util.List;

/**
 * One window of a mailbox search's matches, newest first.
 *
 * @param offset the position of the first message among all matches
 * @param total how many messages match in all
 */
public record SearchResults(List<MessageView> messages, int offset, long total) {

    public SearchResults {
        messages = List.copyOf(messages);
    }
}
