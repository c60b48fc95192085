package org.atoll.mailbox.internal;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.atoll.mailbox.TaskView;
import org.atoll.tasks.Importance;
import org.atoll.tasks.Sensitivity;
import org.atoll.tasks.Task;
import org.atoll.tasks.TaskRecurrence;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The {@code task} table, one column per property of a {@link Task} and of its recurrence; callers hold the
 * account's modseq (the writer lock) before they write.
 */
@Component
public class TaskStore {

    private static final String WRITTEN = "subject, body, utc_start, local_start, utc_due, local_due, importance,"
            + " sensitivity, complete, date_completed, reminder_set, reminder_time, categories, recurrence_type,"
            + " recurrence_start, recurrence_until, occurrences, recurrence_interval, day_of_week, day_of_month,"
            + " week_of_month, month_of_year, regenerate, dead_occur, calendar_type, is_leap_month, first_day_of_week";

    private static final String COLUMNS = "id, folder_id, " + WRITTEN + ", last_modified, modseq";

    private static final RowMapper<TaskView> TASK = (row, n) -> new TaskView(
            row.getLong("id"),
            row.getLong("folder_id"),
            task(row),
            row.getTimestamp("last_modified").toInstant(),
            row.getLong("modseq"));

    /** A page of the account's tasks and their count, by folder and words in the columns a search looks in. */
    private static final ItemSearch<TaskView> SEARCH =
            new ItemSearch<>("task", COLUMNS, TASK, "id", "subject", "body", "array_to_string(categories, ' ')");

    private final JdbcClient jdbc;

    TaskStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public TaskView insert(long accountId, long folderId, Task task, Instant at, long modseq) {
        List<@Nullable Object> params = new ArrayList<>(List.of(accountId, folderId));
        params.addAll(values(task));
        params.add(Timestamp.from(at));
        params.add(modseq);
        return jdbc.sql("INSERT INTO task (account_id, folder_id, " + WRITTEN + ", last_modified, modseq) VALUES ("
                        + String.join(", ", Collections.nCopies(params.size(), "?")) + ") RETURNING " + COLUMNS)
                .params(params)
                .query(TASK)
                .single();
    }

    public Optional<TaskView> update(long accountId, long taskId, Task task, Instant at, long modseq) {
        List<@Nullable Object> params = new ArrayList<>(values(task));
        params.add(Timestamp.from(at));
        params.add(modseq);
        params.add(accountId);
        params.add(taskId);
        String assignments = String.join(" = ?, ", WRITTEN.split(", ")) + " = ?";
        return jdbc.sql("UPDATE task SET " + assignments + ", last_modified = ?, modseq = ?"
                        + " WHERE account_id = ? AND id = ? RETURNING " + COLUMNS)
                .params(params)
                .query(TASK)
                .optional();
    }

    /** Puts the task in another folder under the modseq. */
    public void move(long accountId, long taskId, long folderId, long modseq) {
        jdbc.sql("UPDATE task SET folder_id = ?, modseq = ? WHERE account_id = ? AND id = ?")
                .params(folderId, modseq, accountId, taskId)
                .update();
    }

    /** Deletes the tasks among the ids, returning the ones that were there. */
    public List<TaskView> delete(long accountId, Collection<Long> taskIds) {
        if (taskIds.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("DELETE FROM task WHERE account_id = ? AND id = ANY(?) RETURNING " + COLUMNS)
                .params(accountId, taskIds.toArray(Long[]::new))
                .query(TASK)
                .list();
    }

    public List<TaskView> of(long accountId, Collection<Long> taskIds) {
        if (taskIds.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("SELECT " + COLUMNS + " FROM task WHERE account_id = ? AND id = ANY(?)")
                .params(accountId, taskIds.toArray(Long[]::new))
                .query(TASK)
                .list();
    }

    /**
     * The tasks of a folder by descending id, after {@code afterId} (null: from the newest); only those not complete
     * when {@code incompleteOnly}.
     */
    public List<TaskView> inFolder(
            long accountId, long folderId, @Nullable Long afterId, int limit, boolean incompleteOnly) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM task WHERE account_id = ? AND folder_id = ? AND id < ?"
                        + " AND NOT (? AND complete) ORDER BY id DESC LIMIT ?")
                .params(accountId, folderId, afterId == null ? Long.MAX_VALUE : afterId, incompleteOnly, limit)
                .query(TASK)
                .list();
    }

    /**
     * The account's tasks by ascending id, of one folder when {@code folderId} is given, holding every word of
     * {@code query} in the subject, body or categories when it is given.
     */
    public List<TaskView> page(
            long accountId, @Nullable Long folderId, @Nullable String query, long offset, int limit) {
        return SEARCH.page(jdbc, accountId, folderId, query, offset, limit);
    }

    public long count(long accountId, @Nullable Long folderId) {
        return count(accountId, folderId, null);
    }

    /** How many tasks {@link #page} finds in all. */
    public long count(long accountId, @Nullable Long folderId, @Nullable String query) {
        return SEARCH.count(jdbc, accountId, folderId, query);
    }

    /** How many tasks the account holds, of one folder when {@code folderId} is given, only incomplete ones if asked. */
    public long count(long accountId, @Nullable Long folderId, boolean incompleteOnly) {
        return jdbc.sql("SELECT count(*) FROM task WHERE account_id = ? AND (?::bigint IS NULL OR folder_id = ?)"
                        + " AND NOT (? AND complete)")
                .params(accountId, folderId, folderId, incompleteOnly)
                .query(Long.class)
                .single();
    }

    /** The values of {@link #WRITTEN}, in its order. */
    private static List<@Nullable Object> values(Task task) {
        List<@Nullable Object> values = new ArrayList<>();
        values.add(task.subject());
        values.add(task.body());
        values.add(utc(task.utcStart()));
        values.add(task.localStart());
        values.add(utc(task.utcDue()));
        values.add(task.localDue());
        values.add((short) task.importance().code());
        values.add((short) task.sensitivity().code());
        values.add(task.complete());
        values.add(utc(task.dateCompleted()));
        values.add(task.reminderSet());
        values.add(utc(task.reminderTime()));
        values.add(task.categories().toArray(String[]::new));
        TaskRecurrence recurrence = task.recurrence();
        values.add(recurrence == null ? null : (short) recurrence.type().code());
        values.add(recurrence == null ? null : utc(recurrence.start()));
        values.add(recurrence == null ? null : utc(recurrence.until()));
        values.add(recurrence == null ? null : recurrence.occurrences());
        values.add(recurrence == null ? null : recurrence.interval());
        values.add(recurrence == null ? null : recurrence.dayOfWeek());
        values.add(recurrence == null ? null : recurrence.dayOfMonth());
        values.add(recurrence == null ? null : recurrence.weekOfMonth());
        values.add(recurrence == null ? null : recurrence.monthOfYear());
        values.add(recurrence != null && recurrence.regenerate());
        values.add(recurrence != null && recurrence.deadOccur());
        values.add(recurrence == null ? null : recurrence.calendarType());
        values.add(recurrence != null && recurrence.isLeapMonth());
        values.add(recurrence == null ? null : recurrence.firstDayOfWeek());
        return values;
    }

    private static @Nullable OffsetDateTime utc(@Nullable Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    private static Task task(ResultSet row) throws SQLException {
        Task.Builder task = Task.builder()
                .subject(row.getString("subject"))
                .body(row.getString("body"))
                .utcStart(instant(row, "utc_start"))
                .localStart(row.getObject("local_start", LocalDateTime.class))
                .utcDue(instant(row, "utc_due"))
                .localDue(row.getObject("local_due", LocalDateTime.class))
                .importance(Importance.ofCode(row.getShort("importance")).orElseThrow())
                .sensitivity(Sensitivity.ofCode(row.getShort("sensitivity")).orElseThrow())
                .complete(row.getBoolean("complete"))
                .dateCompleted(instant(row, "date_completed"))
                .reminderSet(row.getBoolean("reminder_set"))
                .reminderTime(instant(row, "reminder_time"))
                .categories(strings(row.getArray("categories")));
        Instant start = instant(row, "recurrence_start");
        if (start != null) {
            task.recurrence(new TaskRecurrence(
                    TaskRecurrence.Type.ofCode(row.getShort("recurrence_type")).orElseThrow(),
                    start,
                    instant(row, "recurrence_until"),
                    integer(row, "occurrences"),
                    integer(row, "recurrence_interval"),
                    integer(row, "day_of_week"),
                    integer(row, "day_of_month"),
                    integer(row, "week_of_month"),
                    integer(row, "month_of_year"),
                    row.getBoolean("regenerate"),
                    row.getBoolean("dead_occur"),
                    integer(row, "calendar_type"),
                    row.getBoolean("is_leap_month"),
                    integer(row, "first_day_of_week")));
        }
        return task.build();
    }

    private static @Nullable Instant instant(ResultSet row, String column) throws SQLException {
        OffsetDateTime value = row.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static @Nullable Integer integer(ResultSet row, String column) throws SQLException {
        return row.getObject(column, Integer.class);
    }

    private static List<String> strings(@Nullable Array array) throws SQLException {
        return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
    }
}
