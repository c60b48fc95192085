package org.atoll.tasks;

import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Objects;
import org.atoll.wbxml.EasValues;
import org.jspecify.annotations.Nullable;

/**
 * A task as the Task class of ActiveSync knows it (MS-ASTASK 2.2.2): subject, body (plain text), start and due both
 * in UTC and in the owner's local time, importance, sensitivity, completion, reminder, categories and recurrence.
 *
 * <p>Immutable. Empty text is held as null; categories are copied, never null, without empty entries. A task that is
 * not complete has no completion date.
 */
public record Task(
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
        @Nullable TaskRecurrence recurrence) {

    public Task {
        subject = EasValues.blankToNull(subject);
        body = EasValues.blankToNull(body);
        Objects.requireNonNull(importance);
        Objects.requireNonNull(sensitivity);
        for (String category : categories) {
            if (Objects.requireNonNull(category).isEmpty()) {
                throw new IllegalArgumentException("categories hold an empty entry");
            }
        }
        categories = List.copyOf(categories);
        if (!complete && dateCompleted != null) {
            throw new IllegalArgumentException("a task that is not complete has no completion date");
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder()
                .subject(subject)
                .body(body)
                .utcStart(utcStart)
                .localStart(localStart)
                .utcDue(utcDue)
                .localDue(localDue)
                .importance(importance)
                .sensitivity(sensitivity)
                .complete(complete)
                .dateCompleted(dateCompleted)
                .reminderSet(reminderSet)
                .reminderTime(reminderTime)
                .categories(categories)
                .recurrence(recurrence);
    }

    /** Collects a task's values, importance and sensitivity normal by default; {@link #build()} checks them. */
    public static final class Builder {

        private @Nullable String subject;
        private @Nullable String body;
        private @Nullable Instant utcStart;
        private @Nullable LocalDateTime localStart;
        private @Nullable Instant utcDue;
        private @Nullable LocalDateTime localDue;
        private Importance importance = Importance.NORMAL;
        private Sensitivity sensitivity = Sensitivity.NORMAL;
        private boolean complete;
        private @Nullable Instant dateCompleted;
        private boolean reminderSet;
        private @Nullable Instant reminderTime;
        private List<String> categories = List.of();
        private @Nullable TaskRecurrence recurrence;

        private Builder() {}

        public Builder subject(@Nullable String value) {
            subject = value;
            return this;
        }

        public Builder body(@Nullable String value) {
            body = value;
            return this;
        }

        public Builder utcStart(@Nullable Instant value) {
            utcStart = value;
            return this;
        }

        public Builder localStart(@Nullable LocalDateTime value) {
            localStart = value;
            return this;
        }

        public Builder utcDue(@Nullable Instant value) {
            utcDue = value;
            return this;
        }

        public Builder localDue(@Nullable LocalDateTime value) {
            localDue = value;
            return this;
        }

        public Builder importance(Importance value) {
            importance = value;
            return this;
        }

        public Builder sensitivity(Sensitivity value) {
            sensitivity = value;
            return this;
        }

        public Builder complete(boolean value) {
            complete = value;
            return this;
        }

        public Builder dateCompleted(@Nullable Instant value) {
            dateCompleted = value;
            return this;
        }

        public Builder reminderSet(boolean value) {
            reminderSet = value;
            return this;
        }

        public Builder reminderTime(@Nullable Instant value) {
            reminderTime = value;
            return this;
        }

        public Builder categories(List<String> value) {
            categories = value;
            return this;
        }

        public Builder recurrence(@Nullable TaskRecurrence value) {
            recurrence = value;
            return this;
        }

        public Task build() {
            return new Task(
                    subject,
                    body,
                    utcStart,
                    localStart,
                    utcDue,
                    localDue,
                    importance,
                    sensitivity,
                    complete,
                    dateCompleted,
                    reminderSet,
                    reminderTime,
                    categories,
                    recurrence);
        }
    }
}
