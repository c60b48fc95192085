package org.atoll.demo;

import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.atoll.calendar.Attendee;
import org.atoll.calendar.CalendarEvent;
import org.atoll.calendar.ICalendars;
import org.atoll.calendar.Recurrence;

/**
 * Three invitations from people of the demo mailbox, waiting in the demo user's Inbox for an answer: a one-off
 * review, a weekly series and an all-afternoon workshop, each an iMIP REQUEST (RFC 6047) as calendar programs send
 * them, a text for people and the calendar part for programs.
 */
public final class DemoInvitations {

    /** How many invitations there are. */
    public static final int SIZE = 3;

    private DemoInvitations() {}

    /** The raw messages, for an Inbox filled at {@code now}: meetings in the coming two weeks. */
    public static List<byte[]> messages(String owner, Instant now) {
        LocalDate monday = LocalDate.ofInstant(now, DemoCalendar.OSLO).with(TemporalAdjusters.next(DayOfWeek.MONDAY));
        DemoCast.Person lena = DemoCast.PEOPLE.get(0);
        DemoCast.Person priya = DemoCast.PEOPLE.get(3);
        DemoCast.Person rafael = DemoCast.PEOPLE.get(8);
        List<byte[]> messages = new ArrayList<>();
        messages.add(message(
                lena,
                owner,
                invitation(
                        "demo-invite-design-review",
                        "Design review: Atlas onboarding",
                        monday.plusDays(1).atTime(14, 0).atZone(DemoCalendar.OSLO),
                        Duration.ofHours(1),
                        lena,
                        owner),
                "Could you look at the onboarding flow with us? Slides follow on the day.",
                now.minus(Duration.ofHours(5))));
        messages.add(message(
                priya,
                owner,
                invitation(
                                "demo-invite-data-sync",
                                "Data platform sync",
                                monday.plusDays(3).atTime(11, 0).atZone(DemoCalendar.OSLO),
                                Duration.ofMinutes(30),
                                priya,
                                owner)
                        .withRecurrence(Recurrence.weekly(1, Set.of(DayOfWeek.THURSDAY)), List.of()),
                "A short weekly check-in while the migration runs.",
                now.minus(Duration.ofHours(3))));
        messages.add(message(
                rafael,
                owner,
                invitation(
                                "demo-invite-workshop",
                                "Customer workshop (remote)",
                                monday.plusDays(8).atTime(9, 0).atZone(DemoCalendar.NEW_YORK),
                                Duration.ofHours(4),
                                rafael,
                                owner)
                        .withLocation("Video call"),
                "Half a day with the customer's team, New York morning, your afternoon.",
                now.minus(Duration.ofMinutes(40))));
        return messages;
    }

    private static CalendarEvent invitation(
            String uid, String subject, ZonedDateTime start, Duration length, DemoCast.Person organizer, String owner) {
        return CalendarEvent.of(
                        uid, subject, start.toInstant(), start.plus(length).toInstant(), start.getZone())
                .withMeeting(organizer.address(), organizer.name(), List.of(Attendee.required(owner, "Demo User")));
    }

    private static byte[] message(DemoCast.Person from, String to, CalendarEvent event, String text, Instant sent) {
        String boundary = "demo-invitation-" + event.uid();
        String mime = "From: " + MimeText.mailbox(from.name(), from.address()) + "\r\n"
                + "To: " + to + "\r\n"
                + MimeText.unstructured("Subject", "Invitation: " + event.subject())
                + "Date: " + MimeText.date(sent.atZone(DemoCalendar.OSLO)) + "\r\n"
                + "Message-ID: <" + event.uid() + "@demo.atoll>\r\n"
                + "MIME-Version: 1.0\r\n"
                + "Content-Type: multipart/alternative; boundary=\"" + boundary + "\"\r\n\r\n"
                + "--" + boundary + "\r\n"
                + "Content-Type: text/plain; charset=UTF-8\r\n"
                + "Content-Transfer-Encoding: 8bit\r\n\r\n"
                + text + "\r\n"
                + "--" + boundary + "\r\n"
                + "Content-Type: text/calendar; charset=UTF-8; method=REQUEST\r\n"
                + "Content-Transfer-Encoding: 8bit\r\n\r\n"
                + ICalendars.request(event) + "\r\n"
                + "--" + boundary + "--\r\n";
        return mime.getBytes(StandardCharsets.UTF_8);
    }
}
