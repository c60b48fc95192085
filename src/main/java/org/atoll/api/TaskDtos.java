package org.atoll.api;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.OptBoolean;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import org.atoll.mailbox.TaskContent;
import org.atoll.mailbox.TaskView;
import org.atoll.tasks.Importance;
import org.atoll.tasks.Sensitivity;
import org.atoll.tasks.Task;
import org.atoll.tasks.TaskRecurrence;
import org.jspecify.annotations.Nullable;

/** What the task resources read and write: every property of a {@link Task}, by the names it has there. */
final class TaskDtos {

    /** The longest subject, as for a note's. */
    static final int MAX_SUBJECT = 255;

    /** The most categories, each 1 to 255 characters, as for a note's. */
    static final int MAX_CATEGORIES = 64;

    private TaskDtos() {}

    private static boolean hasNul(@Nullable String text) {
        return text != null && text.indexOf('\0') >= 0;
    }

    /** How a task recurs (MS-ASTASK 2.2.2.20), as {@link TaskRecurrence} holds it. */
    record RecurrenceDto(
            @NotNull TaskRecurrence.Type type,
            @NotNull Instant start,
            @Nullable Instant until,
            @Nullable Integer occurrences,
            @Nullable Integer interval,
            @Nullable Integer dayOfWeek,
            @Nullable Integer dayOfMonth,
            @Nullable Integer weekOfMonth,
            @Nullable Integer monthOfYear,
            @Nullable Boolean regenerate,
            @Nullable Boolean deadOccur,
            @Nullable Integer calendarType,
            @Nullable Boolean isLeapMonth,
            @Nullable Integer firstDayOfWeek) {

        static RecurrenceDto of(TaskRecurrence recurrence) {
            return new RecurrenceDto(
                    recurrence.type(),
                    recurrence.start(),
                    recurrence.until(),
                    recurrence.occurrences(),
                    recurrence.interval(),
                    recurrence.dayOfWeek(),
                    recurrence.dayOfMonth(),
                    recurrence.weekOfMonth(),
                    recurrence.monthOfYear(),
                    recurrence.regenerate(),
                    recurrence.deadOccur(),
                    recurrence.calendarType(),
                    recurrence.isLeapMonth(),
                    recurrence.firstDayOfWeek());
        }

        TaskRecurrence recurrence() {
            return new TaskRecurrence(
                    type,
                    start,
                    until,
                    occurrences,
                    interval,
                    dayOfWeek,
                    dayOfMonth,
                    weekOfMonth,
                    monthOfYear,
                    Boolean.TRUE.equals(regenerate),
                    Boolean.TRUE.equals(deadOccur),
                    calendarType,
                    Boolean.TRUE.equals(isLeapMonth),
                    firstDayOfWeek);
        }
    }

    /** A task as the API shows it. */
    record TaskDto(
            long id,
            long folderId,
            @Nullable String subject,
            @Nullable String body,
            @Nullable Instant utcStart,
            @Nullable LocalDateTime localStart,
            @Nullable Instant utcDue,
            @Nullable LocalDateTime localDue,
            Importance importance,
            Sensitivity sensitivity,
            boolean complete,
            @Nullable Instant dateCompleted,
            boolean reminderSet,
            @Nullable Instant reminderTime,
            List<String> categories,
            @Nullable RecurrenceDto recurrence,
            Instant lastModified) {

        static TaskDto of(TaskView view) {
            Task task = view.task();
            return new TaskDto(
                    view.id(),
                    view.folderId(),
                    task.subject(),
                    task.body(),
                    task.utcStart(),
                    task.localStart(),
                    task.utcDue(),
                    task.localDue(),
                    task.importance(),
                    task.sensitivity(),
                    task.complete(),
                    task.dateCompleted(),
                    task.reminderSet(),
                    task.reminderTime(),
                    task.categories(),
                    task.recurrence() == null ? null : RecurrenceDto.of(task.recurrence()),
                    view.lastModified());
        }
    }

    /**
     * What a client writes of a task: the whole task, what it leaves out is absent (importance and sensitivity
     * normal, not complete, no reminder). A new task without a folder goes to the default Tasks folder; a replaced
     * one stays in its folder.
     */
    record WriteTask(
            @Nullable Long folderId,
            @Nullable String subject,
            @Nullable String body,
            @Nullable Instant utcStart,

            @JsonFormat(lenient = OptBoolean.FALSE) @Nullable
            LocalDateTime localStart,

            @Nullable Instant utcDue,

            @JsonFormat(lenient = OptBoolean.FALSE) @Nullable
            LocalDateTime localDue,

            @Nullable Importance importance,
            @Nullable Sensitivity sensitivity,
            @Nullable Boolean complete,
            @Nullable Instant dateCompleted,
            @Nullable Boolean reminderSet,
            @Nullable Instant reminderTime,
            @Nullable List<String> categories,
            @Valid @Nullable RecurrenceDto recurrence) {

        /** @throws InvalidApiRequest when a value breaks what a task may hold; the message says which */
        TaskContent content() {
            if (subject != null && subject.length() > MAX_SUBJECT) {
                throw new InvalidApiRequest("subject has at most " + MAX_SUBJECT + " characters");
            }
            if (hasNul(subject)
                    || hasNul(body)
                    || (categories != null && categories.stream().anyMatch(c -> hasNul(c)))) {
                throw new InvalidApiRequest("A task's text must not contain U+0000");
            }
            List<String> checked = categories == null ? List.of() : categories;
            if (checked.size() > MAX_CATEGORIES
                    || checked.stream().anyMatch(c -> c == null || c.isEmpty() || c.length() > 255)) {
                throw new InvalidApiRequest(
                        "A task has at most " + MAX_CATEGORIES + " categories of 1 to 255 characters");
            }
            boolean done = Boolean.TRUE.equals(complete);
            try {
                return new TaskContent(Task.builder()
                        .subject(subject)
                        .body(body)
                        .utcStart(utcStart)
                        .localStart(localStart)
                        .utcDue(utcDue)
                        .localDue(localDue)
                        .importance(importance == null ? Importance.NORMAL : importance)
                        .sensitivity(sensitivity == null ? Sensitivity.NORMAL : sensitivity)
                        .complete(done)
                        .dateCompleted(dateCompleted)
                        .reminderSet(Boolean.TRUE.equals(reminderSet))
                        .reminderTime(reminderTime)
                        .categories(checked)
                        .recurrence(recurrence == null ? null : recurrence.recurrence())
                        .build());
            } catch (IllegalArgumentException e) {
                throw new InvalidApiRequest("The task cannot be stored: " + e.getMessage());
            }
        }
    }
}
