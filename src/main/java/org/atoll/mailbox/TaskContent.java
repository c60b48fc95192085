package org.atoll.mailbox;

import org.atoll.tasks.Task;
import org.atoll.tasks.TaskRecurrence;

/**
 * What a task says, as a device writes it (MS-ASTASK 2.2.2), within what the store keeps: a body of at most
 * {@link #MAX_BODY} characters.
 *
 * @throws InvalidMailboxRequest when a value is out of bounds
 */
public record TaskContent(Task task, boolean calendarTypeUnsaid, boolean firstDayOfWeekUnsaid) implements ItemContent {

    /** The longest body, in characters, as for a note's. */
    public static final int MAX_BODY = 1024 * 1024;

    public TaskContent {
        if (task.body() != null && task.body().length() > MAX_BODY) {
            throw new InvalidMailboxRequest("A task's body has at most " + MAX_BODY + " characters");
        }
    }

    /** Content that says everything of the task, its recurrence's CalendarType and FirstDayOfWeek included. */
    public TaskContent(Task task) {
        this(task, false, false);
    }

    /**
     * Content written by a device whose protocol version cannot express some of a recurrence's properties (MS-ASTASK
     * 2.2.2.4 CalendarType and 2.2.2.16 IsLeapMonth from 14.0, 2.2.2.13 FirstDayOfWeek from 14.1): a change keeps
     * what the stored recurrence says of them instead of dropping it.
     *
     * @param calendarTypeUnsaid whether the writer cannot say CalendarType and IsLeapMonth
     * @param firstDayOfWeekUnsaid whether the writer cannot say FirstDayOfWeek
     */
    public static TaskContent writtenWithout(Task task, boolean calendarTypeUnsaid, boolean firstDayOfWeekUnsaid) {
        return new TaskContent(task, calendarTypeUnsaid, firstDayOfWeekUnsaid);
    }

    /** What the task says once the properties its writer could not say are taken from {@code stored}. */
    Task mergedWith(Task stored) {
        TaskRecurrence given = task.recurrence();
        TaskRecurrence kept = stored.recurrence();
        if (given == null || kept == null || (!calendarTypeUnsaid && !firstDayOfWeekUnsaid)) {
            return task;
        }
        return task.toBuilder()
                .recurrence(new TaskRecurrence(
                        given.type(),
                        given.start(),
                        given.until(),
                        given.occurrences(),
                        given.interval(),
                        given.dayOfWeek(),
                        given.dayOfMonth(),
                        given.weekOfMonth(),
                        given.monthOfYear(),
                        given.regenerate(),
                        given.deadOccur(),
                        calendarTypeUnsaid ? kept.calendarType() : given.calendarType(),
                        calendarTypeUnsaid ? kept.isLeapMonth() : given.isLeapMonth(),
                        firstDayOfWeekUnsaid ? kept.firstDayOfWeek() : given.firstDayOfWeek()))
                .build();
    }
}
