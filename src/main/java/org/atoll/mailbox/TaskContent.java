package org.atoll.mailbox;

import org.atoll.tasks.Task;

/**
 * What a task says, as a device writes it (MS-ASTASK 2.2.2), within what the store keeps: a body of at most
 * {@link #MAX_BODY} characters.
 *
 * @throws InvalidMailboxRequest when a value is out of bounds
 */
public record TaskContent(Task task) implements ItemContent {

    /** The longest body, in characters, as for a note's. */
    public static final int MAX_BODY = 1024 * 1024;

    public TaskContent {
        if (task.body() != null && task.body().length() > MAX_BODY) {
            throw new InvalidMailboxRequest("A task's body has at most " + MAX_BODY + " characters");
        }
    }
}
