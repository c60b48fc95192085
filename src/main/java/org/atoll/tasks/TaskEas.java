package org.atoll.tasks;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.atoll.wbxml.CodePage;
import org.atoll.wbxml.EasValues;
import org.atoll.wbxml.WbxmlElement;
import org.jspecify.annotations.Nullable;

/**
 * A {@link Task} as the {@code ApplicationData} of a Sync or the {@code Properties} of an ItemOperations Fetch
 * (MS-ASTASK 2.2.2, code page Tasks 9 of MS-ASWBXML 2.1.2.1.10), and back.
 *
 * <p>Versions are given as MS-ASHTTP 2.2.1.1.1.1 numbers them ({@code EasProtocolVersion.code()}: 121, 140, 141, 160,
 * 161). The body travels as {@code airsyncbase:Body} from 12.0 on ({@code tasks:Body}, {@code BodySize} and
 * {@code BodyTruncated} are 2.5 only and refused). The recurrence's {@code CalendarType} and {@code IsLeapMonth} are
 * written from 14.0 on (MS-ASTASK 2.2.2.4, 2.2.2.16), its {@code FirstDayOfWeek} from 14.1 on (2.2.2.13); an older
 * device does not get them. {@code OrdinalDate} and {@code SubOrdinalDate}, which some clients send, have no place
 * in a task and are passed over.
 */
public final class TaskEas {

    private static final CodePage TASKS = CodePage.TASKS;
    private static final CodePage BASE = CodePage.AIRSYNCBASE;

    /** Top-level text elements of the Task class. */
    private static final Set<String> TEXTS = Set.of(
            "Subject",
            "Importance",
            "UtcStartDate",
            "StartDate",
            "UtcDueDate",
            "DueDate",
            "Complete",
            "DateCompleted",
            "Sensitivity",
            "ReminderTime",
            "ReminderSet");

    private static final Set<String> RECURRENCE_TEXTS = Set.of(
            "Type",
            "Start",
            "Until",
            "Occurrences",
            "Interval",
            "DayOfWeek",
            "DayOfMonth",
            "WeekOfMonth",
            "MonthOfYear",
            "Regenerate",
            "DeadOccur",
            "CalendarType",
            "IsLeapMonth",
            "FirstDayOfWeek");

    private static final Set<String> PASSED_OVER = Set.of("OrdinalDate", "SubOrdinalDate");

    private TaskEas() {}

    /**
     * The task as {@code airsync:ApplicationData}: the body as a plain-text {@code airsyncbase:Body}, then Subject,
     * Importance, the start and due dates (UTC, then local), Categories, Recurrence, Complete, DateCompleted,
     * Sensitivity, ReminderTime and ReminderSet. Absent values are left out; Importance, Complete, Sensitivity and
     * ReminderSet are always written.
     *
     * @param protocolVersion the device's version, e.g. 141
     * @param bodyTruncationSize the device's TruncationSize for plain text (MS-ASAIRS 2.2.2.40.1), or null for the
     *     whole body
     * @throws IllegalArgumentException for an unknown version
     */
    public static WbxmlElement applicationData(Task task, int protocolVersion, @Nullable Long bodyTruncationSize) {
        EasValues.checkVersion(protocolVersion);
        WbxmlElement data = WbxmlElement.of(CodePage.AIRSYNC, "ApplicationData");
        data.add(EasValues.body(task.body(), bodyTruncationSize));
        if (task.subject() != null) {
            data.add(TASKS, "Subject", task.subject());
        }
        data.add(TASKS, "Importance", Integer.toString(task.importance().code()));
        if (task.utcStart() != null) {
            data.add(TASKS, "UtcStartDate", EasValues.dateTime(task.utcStart()));
        }
        if (task.localStart() != null) {
            data.add(TASKS, "StartDate", TaskTimes.localDateTime(task.localStart()));
        }
        if (task.utcDue() != null) {
            data.add(TASKS, "UtcDueDate", EasValues.dateTime(task.utcDue()));
        }
        if (task.localDue() != null) {
            data.add(TASKS, "DueDate", TaskTimes.localDateTime(task.localDue()));
        }
        if (!task.categories().isEmpty()) {
            WbxmlElement categories = WbxmlElement.of(TASKS, "Categories");
            task.categories().forEach(category -> categories.add("Category", category));
            data.add(categories);
        }
        if (task.recurrence() != null) {
            data.add(recurrence(task.recurrence(), protocolVersion));
        }
        data.add(TASKS, "Complete", task.complete() ? "1" : "0");
        if (task.dateCompleted() != null) {
            data.add(TASKS, "DateCompleted", EasValues.dateTime(task.dateCompleted()));
        }
        data.add(TASKS, "Sensitivity", Integer.toString(task.sensitivity().code()));
        if (task.reminderTime() != null) {
            data.add(TASKS, "ReminderTime", EasValues.dateTime(task.reminderTime()));
        }
        data.add(TASKS, "ReminderSet", task.reminderSet() ? "1" : "0");
        return data;
    }

    /**
     * The task a client sent as the {@code ApplicationData} of a Sync Add or Change. Absent Importance and
     * Sensitivity are normal, absent Complete and ReminderSet false; the DateCompleted of a task that is not complete
     * is passed over.
     *
     * @throws MalformedTask when the item breaks MS-ASTASK: a dateTime of another form, an element of another class or
     *     one a client may not send, an element given twice, a number out of its range, a recurrence without Type or
     *     Start, a completed task without DateCompleted (MS-ASTASK 2.2.2.8)
     */
    public static Task read(WbxmlElement applicationData, int protocolVersion) throws MalformedTask {
        EasValues.checkVersion(protocolVersion);
        Map<String, String> texts = new HashMap<>();
        Task.Builder task = Task.builder();
        boolean body = false;
        boolean categories = false;
        boolean recurrence = false;
        for (WbxmlElement element : applicationData.children()) {
            if (element.page() == BASE && element.name().equals("Body")) {
                body = once(body, element);
                try {
                    task.body(EasValues.bodyText(element));
                } catch (IllegalArgumentException e) {
                    throw new MalformedTask(e.getMessage());
                }
            } else if (element.page() == BASE && element.name().equals("NativeBodyType")) {
                continue;
            } else if (element.page() != TASKS) {
                throw new MalformedTask(element.qualifiedName() + " is not an element of the Task class");
            } else if (element.name().equals("Categories")) {
                categories = once(categories, element);
                task.categories(categories(element));
            } else if (element.name().equals("Recurrence")) {
                recurrence = once(recurrence, element);
                task.recurrence(readRecurrence(element));
            } else if (TEXTS.contains(element.name())) {
                if (texts.put(element.name(), text(element)) != null) {
                    throw new MalformedTask(element.qualifiedName() + " given twice");
                }
            } else if (!PASSED_OVER.contains(element.name())) {
                throw new MalformedTask(element.qualifiedName() + " is not a top-level element of the Task class "
                        + "a client sends at protocol 12.0 or later (MS-ASTASK 2.2.2)");
            }
        }
        try {
            task.subject(texts.get("Subject"))
                    .utcStart(dateTime(texts, "UtcStartDate"))
                    .localStart(localDateTime(texts, "StartDate"))
                    .utcDue(dateTime(texts, "UtcDueDate"))
                    .localDue(localDateTime(texts, "DueDate"))
                    .dateCompleted(bool(texts, "Complete") ? dateTime(texts, "DateCompleted") : null)
                    .reminderTime(dateTime(texts, "ReminderTime"));
            String importance = texts.get("Importance");
            if (importance != null) {
                task.importance(Importance.ofCode(number(importance, "Importance"))
                        .orElseThrow(() -> new MalformedTask("Tasks:Importance " + importance + " is not 0, 1 or 2")));
            }
            String sensitivity = texts.get("Sensitivity");
            if (sensitivity != null) {
                task.sensitivity(Sensitivity.ofCode(number(sensitivity, "Sensitivity"))
                        .orElseThrow(() -> new MalformedTask("Tasks:Sensitivity " + sensitivity + " is not 0 to 3")));
            }
            boolean complete = bool(texts, "Complete");
            task.complete(complete).reminderSet(bool(texts, "ReminderSet"));
            if (complete && !texts.containsKey("DateCompleted")) {
                throw new MalformedTask("a completed task needs Tasks:DateCompleted (MS-ASTASK 2.2.2.8)");
            }
            return task.build();
        } catch (IllegalArgumentException e) {
            throw new MalformedTask(e.getMessage());
        }
    }

    private static WbxmlElement recurrence(TaskRecurrence recurrence, int protocolVersion) {
        WbxmlElement element = WbxmlElement.of(TASKS, "Recurrence")
                .add("Type", Integer.toString(recurrence.type().code()))
                .add("Start", EasValues.dateTime(recurrence.start()));
        if (recurrence.until() != null) {
            element.add("Until", EasValues.dateTime(recurrence.until()));
        }
        number(element, "Occurrences", recurrence.occurrences());
        number(element, "Interval", recurrence.interval());
        number(element, "DayOfWeek", recurrence.dayOfWeek());
        number(element, "DayOfMonth", recurrence.dayOfMonth());
        number(element, "WeekOfMonth", recurrence.weekOfMonth());
        number(element, "MonthOfYear", recurrence.monthOfYear());
        element.add("Regenerate", recurrence.regenerate() ? "1" : "0");
        element.add("DeadOccur", recurrence.deadOccur() ? "1" : "0");
        if (protocolVersion >= 140) {
            number(element, "CalendarType", recurrence.calendarType());
            element.add("IsLeapMonth", recurrence.isLeapMonth() ? "1" : "0");
        }
        if (protocolVersion >= 141) {
            number(element, "FirstDayOfWeek", recurrence.firstDayOfWeek());
        }
        return element;
    }

    private static void number(WbxmlElement element, String name, @Nullable Integer value) {
        if (value != null) {
            element.add(name, Integer.toString(value));
        }
    }

    private static TaskRecurrence readRecurrence(WbxmlElement element) throws MalformedTask {
        if (element.text().isPresent() || element.opaque().isPresent()) {
            throw new MalformedTask("Tasks:Recurrence holds text where its elements belong");
        }
        Map<String, String> texts = new HashMap<>();
        for (WbxmlElement child : element.children()) {
            if (child.page() != TASKS || !RECURRENCE_TEXTS.contains(child.name())) {
                throw new MalformedTask("Tasks:Recurrence holds " + child.qualifiedName());
            }
            if (texts.put(child.name(), text(child)) != null) {
                throw new MalformedTask("Tasks:Recurrence holds " + child.qualifiedName() + " twice");
            }
        }
        String type = texts.get("Type");
        Instant start = dateTime(texts, "Start");
        if (type == null || start == null) {
            throw new MalformedTask("Tasks:Recurrence needs Type and Start (MS-ASTASK 2.2.2.20)");
        }
        try {
            return new TaskRecurrence(
                    TaskRecurrence.Type.ofCode(number(type, "Type"))
                            .orElseThrow(() -> new MalformedTask("Tasks:Type " + type + " is no recurrence type")),
                    start,
                    dateTime(texts, "Until"),
                    optionalNumber(texts, "Occurrences"),
                    optionalNumber(texts, "Interval"),
                    optionalNumber(texts, "DayOfWeek"),
                    optionalNumber(texts, "DayOfMonth"),
                    optionalNumber(texts, "WeekOfMonth"),
                    optionalNumber(texts, "MonthOfYear"),
                    bool(texts, "Regenerate"),
                    bool(texts, "DeadOccur"),
                    optionalNumber(texts, "CalendarType"),
                    bool(texts, "IsLeapMonth"),
                    optionalNumber(texts, "FirstDayOfWeek"));
        } catch (IllegalArgumentException e) {
            throw new MalformedTask("Tasks:Recurrence: " + e.getMessage());
        }
    }

    private static List<String> categories(WbxmlElement container) throws MalformedTask {
        if (container.text().isPresent() || container.opaque().isPresent()) {
            throw new MalformedTask("Tasks:Categories holds text where its entries belong");
        }
        List<String> values = new ArrayList<>();
        for (WbxmlElement entry : container.children()) {
            if (entry.page() != TASKS || !entry.name().equals("Category")) {
                throw new MalformedTask("Tasks:Categories holds " + entry.qualifiedName());
            }
            String value = text(entry);
            if (!value.isEmpty()) {
                values.add(value);
            }
        }
        return values;
    }

    private static boolean once(boolean seen, WbxmlElement element) throws MalformedTask {
        if (seen) {
            throw new MalformedTask(element.qualifiedName() + " given twice");
        }
        return true;
    }

    private static String text(WbxmlElement element) throws MalformedTask {
        if (!element.children().isEmpty() || element.opaque().isPresent()) {
            throw new MalformedTask(element.qualifiedName() + " holds elements or bytes where text belongs");
        }
        return element.text().orElse("");
    }

    private static @Nullable Instant dateTime(Map<String, String> texts, String name) throws MalformedTask {
        String text = texts.get(name);
        if (text == null || text.isEmpty()) {
            return null;
        }
        try {
            return EasValues.parseDateTime(text);
        } catch (DateTimeParseException e) {
            throw new MalformedTask("Tasks:" + name + " is not a dateTime (MS-ASDTYPE 2.3): " + text);
        }
    }

    private static @Nullable LocalDateTime localDateTime(Map<String, String> texts, String name) throws MalformedTask {
        String text = texts.get(name);
        if (text == null || text.isEmpty()) {
            return null;
        }
        try {
            return TaskTimes.parseLocalDateTime(text);
        } catch (DateTimeParseException e) {
            throw new MalformedTask("Tasks:" + name + " is not a dateTime (MS-ASDTYPE 2.3): " + text);
        }
    }

    private static int number(String text, String name) throws MalformedTask {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new MalformedTask("Tasks:" + name + " is not a number: " + text);
        }
    }

    private static @Nullable Integer optionalNumber(Map<String, String> texts, String name) throws MalformedTask {
        String text = texts.get(name);
        return text == null || text.isEmpty() ? null : number(text, name);
    }

    private static boolean bool(Map<String, String> texts, String name) throws MalformedTask {
        String text = texts.get(name);
        if (text == null || text.isEmpty()) {
            return false;
        }
        try {
            return EasValues.parseBoolean(text);
        } catch (IllegalArgumentException e) {
            throw new MalformedTask("Tasks:" + name + " is not 0 or 1: " + text);
        }
    }
}
