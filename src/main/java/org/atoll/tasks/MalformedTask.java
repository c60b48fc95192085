package org.atoll.tasks;

/**
 * A task sent by a client breaks MS-ASTASK: a wrong date format, an element the Task class does not define, a value
 * out of its range, a recurrence without its type or start, a completed task without its completion date. A Sync
 * answers the item with Status 6 (MS-ASCMD 2.2.3.177.17); the message says what was wrong and is safe to log.
 */
public final class MalformedTask extends Exception {

    private static final long serialVersionUID = 1L;

    public MalformedTask(String reason) {
        super(reason);
    }
}
