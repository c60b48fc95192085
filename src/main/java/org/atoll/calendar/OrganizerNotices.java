package org.atoll.calendar;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * What the organizer of a meeting owes its attendees when the meeting changes (iTIP, RFC 5546 2.1.4 and 3.2): a
 * REQUEST to every attendee of a new meeting; after a change that matters to them, a REQUEST with a higher SEQUENCE
 * to those still invited and a CANCEL to those taken off; a CANCEL to all when the meeting is cancelled or deleted.
 *
 * <p>An event is the account's own when it is not a copy received from someone else (MS-ASCAL 2.2.2.29
 * MeetingStatus 3 or 7) and names no organizer or the account itself: a device can only organize as its own account.
 * An event that names another organizer is nobody's to announce and owes nothing.
 */
public final class OrganizerNotices {

    private OrganizerNotices() {}

    /**
     * One iMIP message to send.
     *
     * @param event the meeting as the message describes it
     * @param recipients the attendees it goes to, never the organizer
     * @param ics the text/calendar part
     */
    public record Notice(ItipMethod method, CalendarEvent event, List<Attendee> recipients, String ics) {}

    /** Whether the account at {@code address} organizes the event, or would if it had attendees. */
    public static boolean ownedBy(CalendarEvent event, String address) {
        return event.meetingStatus() != MeetingStatus.RECEIVED
                && event.meetingStatus() != MeetingStatus.CANCELED_RECEIVED
                && (event.organizerAddress() == null || event.organizerAddress().equalsIgnoreCase(address));
    }

    /**
     * The event as the organizer's calendar keeps it: the account as organizer, MeetingStatus 1 (or 5 when the
     * device cancelled it), the organizer not among the attendees, each attendee's answer as recorded so far (not
     * responded for one newly invited), and the SEQUENCE of {@code before} raised by one when the change matters to
     * attendees ({@link #matters}). An event without attendees is an appointment and only keeps the sequence.
     *
     * @param before the stored event this one replaces, or null for a new one
     */
    public static CalendarEvent asOrganized(
            CalendarEvent event, @Nullable CalendarEvent before, String address, @Nullable String name) {
        List<Attendee> invited = attendees(event, address);
        CalendarEvent organized = event;
        if (!invited.isEmpty()) {
            Map<String, Attendee> answered = new HashMap<>();
            if (before != null) {
                before.attendees().forEach(a -> answered.put(key(a), a));
            }
            List<Attendee> attendees = new ArrayList<>();
            for (Attendee attendee : invited) {
                Attendee known = answered.get(key(attendee));
                attendees.add(
                        known == null
                                ? attendee.withStatus(ResponseStatus.NOT_RESPONDED, null)
                                : attendee.withStatus(known.status(), known.respondedAt()));
            }
            String organizerName = event.organizerName() != null ? event.organizerName() : name;
            organized = event.withMeeting(address, organizerName, attendees)
                    .withMeetingStatus(
                            event.meetingStatus().canceled() ? MeetingStatus.CANCELED : MeetingStatus.MEETING);
        }
        if (before == null) {
            return organized;
        }
        int sequence = matters(before, organized) ? before.sequence() + 1 : before.sequence();
        return organized.withSequence(Math.max(sequence, event.sequence()));
    }

    /**
     * Whether {@code after} differs from {@code before} in what an attendee sees of the meeting: its title, place,
     * text, time, recurrence, exceptions, online meeting, who is invited, or whether it is cancelled. A reminder, a
     * category or the organizer's own busy status is the organizer's business.
     */
    public static boolean matters(CalendarEvent before, CalendarEvent after) {
        return !before.subject().equals(after.subject())
                || !Objects.equals(before.location(), after.location())
                || !Objects.equals(before.body(), after.body())
                || !before.start().equals(after.start())
                || !before.end().equals(after.end())
                || !before.zone().equals(after.zone())
                || before.allDay() != after.allDay()
                || !Objects.equals(before.recurrence(), after.recurrence())
                || !before.exceptions().equals(after.exceptions())
                || !Objects.equals(before.onlineMeetingLink(), after.onlineMeetingLink())
                || before.meetingStatus().canceled() != after.meetingStatus().canceled()
                || !addresses(before.attendees()).equals(addresses(after.attendees()));
    }

    /**
     * The messages the organizer at {@code address} owes the attendees for a change from {@code before} to
     * {@code after}, both as stored ({@link #asOrganized}); none when the event is not the organizer's.
     *
     * @param before the event before the change, or null when it was created
     * @param after the event after the change, or null when it was deleted
     */
    public static List<Notice> notices(@Nullable CalendarEvent before, @Nullable CalendarEvent after, String address) {
        if ((before != null && !ownedBy(before, address)) || (after != null && !ownedBy(after, address))) {
            return List.of();
        }
        List<Attendee> had = before == null ? List.of() : attendees(before, address);
        boolean wasCancelled = before != null && before.meetingStatus().canceled();
        if (after == null) {
            if (before == null || wasCancelled || had.isEmpty()) {
                return List.of();
            }
            return List.of(cancel(before.withSequence(before.sequence() + 1), had));
        }
        List<Attendee> has = attendees(after, address);
        Set<String> staying = addresses(has);
        List<Attendee> removed =
                had.stream().filter(a -> !staying.contains(key(a))).toList();
        List<Notice> notices = new ArrayList<>();
        if (after.meetingStatus().canceled()) {
            if (!wasCancelled) {
                List<Attendee> everyone = new ArrayList<>(has);
                everyone.addAll(removed);
                if (!everyone.isEmpty()) {
                    notices.add(cancel(after, everyone));
                }
            }
            return notices;
        }
        if (!removed.isEmpty()) {
            notices.add(cancel(after, removed));
        }
        boolean changed = before == null || wasCancelled || matters(before, after);
        if (changed && !has.isEmpty()) {
            notices.add(new Notice(ItipMethod.REQUEST, after, has, ICalendars.request(after)));
        }
        return notices;
    }

    private static Notice cancel(CalendarEvent event, List<Attendee> recipients) {
        return new Notice(ItipMethod.CANCEL, event, recipients, ICalendars.cancel(event, recipients));
    }

    /** The event's attendees but its organizer, each address once. */
    private static List<Attendee> attendees(CalendarEvent event, String organizer) {
        Map<String, Attendee> unique = new java.util.LinkedHashMap<>();
        for (Attendee attendee : event.attendees()) {
            if (!attendee.address().equalsIgnoreCase(organizer)) {
                unique.putIfAbsent(key(attendee), attendee);
            }
        }
        return List.copyOf(unique.values());
    }

    private static Set<String> addresses(List<Attendee> attendees) {
        return attendees.stream().map(OrganizerNotices::key).collect(Collectors.toSet());
    }

    private static String key(Attendee attendee) {
        return attendee.address().toLowerCase(Locale.ROOT);
    }
}
