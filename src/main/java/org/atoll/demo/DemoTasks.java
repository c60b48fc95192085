package org.atoll.demo;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.List;
import org.atoll.tasks.Importance;
import org.atoll.tasks.Sensitivity;
import org.atoll.tasks.Task;
import org.atoll.tasks.TaskRecurrence;

/**
 * The demo user's to-do list (MS-ASTASK): work and home tasks around the given time, some done, some overdue, most
 * with a due date and some with a reminder, some recurring (weekly, monthly on a day and on the Nth weekday, yearly,
 * and one that regenerates from its completion). The owner's time zone is UTC+1, as the demo mailbox's is.
 */
public final class DemoTasks {

    /** How many tasks the demo user has. */
    public static final int SIZE = 15;

    private static final ZoneOffset ZONE = ZoneOffset.ofHours(1);

    /** FirstDayOfWeek Monday (MS-ASTASK 2.2.2.13). */
    private static final int MONDAY = 1;

    private DemoTasks() {}

    /** The tasks, dated around {@code now}. */
    public static List<Task> tasks(Instant now) {
        LocalDate today = LocalDate.ofInstant(now, ZONE);
        LocalDate monday = today.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        return List.of(
                due("Send the Q4 budget to finance", today.plusDays(2), Importance.HIGH)
                        .body("The sheet is in the shared folder; Sofia still owes two numbers.")
                        .categories(List.of("Work"))
                        .reminderSet(true)
                        .reminderTime(at(today.plusDays(2), 9, 0))
                        .build(),
                due("Book the venue for the workshop", today.plusDays(5), Importance.NORMAL)
                        .body("The big room is taken on the 14th; ask for the 15th, 10:00 to 13:00.")
                        .categories(List.of("Work"))
                        .build(),
                due("Review Jonas's pull request", today.minusDays(1), Importance.HIGH)
                        .body("Retry logic of the importer. Tests are green.")
                        .categories(List.of("Work"))
                        .build(),
                due("Renew the passport", today.plusDays(30), Importance.HIGH)
                        .body("Photos from the booth at the station are fine. Bring the old passport.")
                        .categories(List.of("Personal"))
                        .sensitivity(Sensitivity.PRIVATE)
                        .reminderSet(true)
                        .reminderTime(at(today.plusDays(23), 18, 0))
                        .build(),
                due("Water the plants", monday.plusDays(7), Importance.LOW)
                        .categories(List.of("Home"))
                        .recurrence(weekly(monday, 2, 1))
                        .reminderSet(true)
                        .reminderTime(at(monday.plusDays(7), 8, 0))
                        .build(),
                due("Weekly status report", monday.plusDays(4), Importance.NORMAL)
                        .body("Three lines per project: done, next, blocked.")
                        .categories(List.of("Work"))
                        .recurrence(weekly(monday, 32, 1))
                        .build(),
                due("Pay the rent", today.withDayOfMonth(1).plusMonths(1), Importance.HIGH)
                        .categories(List.of("Home", "Finance"))
                        .recurrence(new TaskRecurrence(
                                TaskRecurrence.Type.MONTHLY,
                                at(today.withDayOfMonth(1), 9, 0),
                                null,
                                null,
                                1,
                                null,
                                1,
                                null,
                                null,
                                false,
                                false,
                                null,
                                false,
                                null))
                        .reminderSet(true)
                        .reminderTime(at(today.withDayOfMonth(1).plusMonths(1).minusDays(2), 9, 0))
                        .build(),
                due("Team retrospective notes", today.plusDays(10), Importance.NORMAL)
                        .body("Last Thursday of every month; collect the notes the day after.")
                        .categories(List.of("Work"))
                        .recurrence(new TaskRecurrence(
                                TaskRecurrence.Type.MONTHLY_ON_NTH_DAY,
                                at(today.withDayOfMonth(1), 9, 0),
                                null,
                                12,
                                1,
                                16,
                                null,
                                5,
                                null,
                                false,
                                false,
                                null,
                                false,
                                null))
                        .build(),
                due("Mum's birthday present", nextMarch7(today), Importance.NORMAL)
                        .categories(List.of("Family"))
                        .recurrence(new TaskRecurrence(
                                TaskRecurrence.Type.YEARLY,
                                at(LocalDate.of(today.getYear() - 1, 3, 7), 9, 0),
                                null,
                                null,
                                1,
                                null,
                                7,
                                null,
                                3,
                                false,
                                false,
                                null,
                                false,
                                null))
                        .build(),
                due("Change the water filter", today.plusDays(20), Importance.LOW)
                        .body("Next one counts from when this one is done.")
                        .categories(List.of("Home"))
                        .recurrence(new TaskRecurrence(
                                TaskRecurrence.Type.MONTHLY,
                                at(today.minusDays(40), 9, 0),
                                null,
                                null,
                                2,
                                null,
                                today.minusDays(40).getDayOfMonth(),
                                null,
                                null,
                                true,
                                false,
                                null,
                                false,
                                null))
                        .build(),
                Task.builder()
                        .subject("Read \"A Memory Called Empire\"")
                        .categories(List.of("Personal"))
                        .build(),
                done("Submit the travel expenses", today.minusDays(6), today.minusDays(7))
                        .body("Train to Bergen and the hotel; receipts scanned.")
                        .categories(List.of("Work", "Finance"))
                        .build(),
                done("Order new laptop charger", today.minusDays(3), today.minusDays(2))
                        .categories(List.of("Work"))
                        .build(),
                done("Call the plumber about the kitchen sink", today.minusDays(12), today.minusDays(10))
                        .categories(List.of("Home"))
                        .build(),
                done("Update the onboarding checklist", today.minusDays(1), today)
                        .body("Added the laptop setup steps and the handbook link.")
                        .categories(List.of("Work"))
                        .importance(Importance.LOW)
                        .build());
    }

    /** A task due at five in the afternoon of the day, started at nine in the morning of the day before. */
    private static Task.Builder due(String subject, LocalDate day, Importance importance) {
        LocalDateTime start = day.minusDays(1).atTime(9, 0);
        LocalDateTime due = day.atTime(17, 0);
        return Task.builder()
                .subject(subject)
                .importance(importance)
                .localStart(start)
                .utcStart(start.toInstant(ZONE))
                .localDue(due)
                .utcDue(due.toInstant(ZONE));
    }

    /** A task that was due on {@code day} and was done at four in the afternoon of {@code doneOn}. */
    private static Task.Builder done(String subject, LocalDate day, LocalDate doneOn) {
        return due(subject, day, Importance.NORMAL)
                .complete(true)
                .dateCompleted(doneOn.atTime(LocalTime.of(16, 0)).toInstant(ZONE));
    }

    private static LocalDate nextMarch7(LocalDate today) {
        LocalDate thisYear = LocalDate.of(today.getYear(), 3, 7);
        return thisYear.isBefore(today) ? thisYear.plusYears(1) : thisYear;
    }

    private static Instant at(LocalDate day, int hour, int minute) {
        return day.atTime(hour, minute).toInstant(ZONE);
    }

    /**
     * Every {@code interval} weeks on the days of the mask (Sunday 1 to Saturday 64), from that Monday, in weeks
     * that start on Monday.
     */
    private static TaskRecurrence weekly(LocalDate monday, int dayOfWeek, int interval) {
        return new TaskRecurrence(
                TaskRecurrence.Type.WEEKLY,
                at(monday, 9, 0),
                null,
                null,
                interval,
                dayOfWeek,
                null,
                null,
                null,
                false,
                false,
                null,
                false,
                MONDAY);
    }
}
