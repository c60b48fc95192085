package org.atoll.mailbox;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.atoll.calendar.Attendee;
import org.atoll.calendar.BusyStatus;
import org.atoll.calendar.CalendarEvent;
import org.atoll.calendar.EventException;
import org.atoll.calendar.ICalendars;
import org.atoll.calendar.ItipMessage;
import org.atoll.calendar.MalformedCalendarItem;
import org.atoll.calendar.MeetingMessages;
import org.atoll.calendar.MeetingStatus;
import org.atoll.mime.MimeParser;
import org.atoll.mime.ParsedWithText;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Mail delivered to an Inbox, with what an invitation, a cancellation or an answer in it (iMIP, RFC 6047; iTIP, RFC
 * 5546) does to the recipient's calendar, in the same transaction as the delivery: the message and its effect are
 * stored together or not at all.
 *
 * <ul>
 *   <li>A REQUEST places the meeting in the default calendar as tentative (MS-ASCAL MeetingStatus 3, received), or
 *       updates the one with its UID when the organizer's SEQUENCE is not older; an update of one occurrence
 *       becomes that occurrence's exception. An answer already given survives an update that does not raise the
 *       SEQUENCE.
 *   <li>A CANCEL from the meeting's organizer marks it cancelled (MeetingStatus 7) and free, or deletes the one
 *       occurrence it names.
 *   <li>A REPLY to a meeting the recipient organizes records that attendee's answer and when it came, when the
 *       message comes from that attendee's address (its From), so no one answers for someone else; a REPLY with a
 *       RECURRENCE-ID records it on that occurrence only (its exception's attendees), never on the series. A
 *       COUNTER (RFC 5546 3.2.7) records the answer it carries the same way; the time it proposes stays a message
 *       for the organizer, who takes it up by changing the meeting (a new REQUEST) or not.
 * </ul>
 *
 * Anything else, and anything that does not read as iMIP, is only mail.
 */
@Service
public class Invitations {

    private final Mailboxes mailboxes;
    private final Calendars calendars;
    private final Clock clock;
    private final TransactionTemplate transactions;
    private final MimeParser parser = new MimeParser();

    Invitations(Mailboxes mailboxes, Calendars calendars, Clock clock, PlatformTransactionManager transactions) {
        this.transactions = new TransactionTemplate(transactions);
        this.mailboxes = mailboxes;
        this.calendars = calendars;
        this.clock = clock;
    }

    /**
     * Delivers a message to the account's Inbox as {@link Mailboxes#deliver(long, SystemFolder, byte[], Instant,
     * boolean)} does, and applies the meeting message in it to the calendar of {@code recipient}, the address it was
     * delivered to.
     */
    public MessageView deliver(long accountId, String recipient, byte[] rawMime, @Nullable Instant receivedAt) {
        Mailboxes.checkSize(rawMime);
        return deliver(accountId, recipient, MessageBytes.of(rawMime), receivedAt);
    }

    /**
     * As {@link #deliver(long, String, byte[], Instant)}, for a message whose digest was taken while it was read. The
     * message is parsed once, before any transaction: mail without a calendar part is stored in a transaction of plain
     * SQL (or the caller's); one with a calendar part is stored in a JPA transaction with what it does to the calendar.
     */
    public MessageView deliver(long accountId, String recipient, MessageBytes raw, @Nullable Instant receivedAt) {
        Mailboxes.checkSize(raw.bytes());
        ParsedWithText parsed = parser.parseWithText(raw.bytes());
        String ics = parsed.envelope().calendar();
        if (ics == null) {
            return mailboxes.deliver(accountId, SystemFolder.INBOX, raw, parsed, receivedAt, false);
        }
        return Objects.requireNonNull(transactions.execute(status -> {
            MessageView stored = mailboxes.deliver(accountId, SystemFolder.INBOX, raw, parsed, receivedAt, false);
            if (!MeetingMessages.NOTE.equals(stored.messageClass())) {
                apply(accountId, recipient, parsed.envelope().fromAddress(), ics);
            }
            return stored;
        }));
    }

    private void apply(long accountId, String recipient, @Nullable String sender, String ics) {
        ItipMessage message;
        try {
            message = ICalendars.parseItip(ics, recipient);
        } catch (MalformedCalendarItem e) {
            return;
        }
        Optional<EventView> stored = calendars.byUid(accountId, message.uid());
        switch (message.method()) {
            case REQUEST -> request(accountId, recipient, message, stored);
            case CANCEL -> stored.ifPresent(event -> cancel(accountId, message, event));
            case REPLY, COUNTER -> stored.ifPresent(event -> reply(accountId, recipient, sender, message, event));
            case PUBLISH -> {}
        }
    }

    private void request(long accountId, String recipient, ItipMessage message, Optional<EventView> stored) {
        CalendarEvent invited = message.event();
        if (invited == null || recipient.equalsIgnoreCase(invited.organizerAddress())) {
            return;
        }
        invited = invited.withBusyStatus(BusyStatus.TENTATIVE).withMeetingStatus(MeetingStatus.RECEIVED);
        if (stored.isEmpty()) {
            if (message.recurrenceId() == null || invited.recurrence() == null) {
                calendars.create(accountId, calendars.defaultFolder(accountId).id(), EventContent.of(invited));
            }
            return;
        }
        EventView event = stored.get();
        CalendarEvent current = event.event();
        if (!fromOrganizer(message, current) || message.sequence() < current.sequence()) {
            return;
        }
        if (message.recurrenceId() != null && current.recurrence() != null) {
            EventException changed = new EventException(
                    message.recurrenceId(),
                    false,
                    invited.subject(),
                    invited.location(),
                    invited.body(),
                    invited.start(),
                    invited.end(),
                    invited.allDay(),
                    BusyStatus.TENTATIVE,
                    null,
                    invited.reminderMinutes(),
                    null,
                    invited.attendees(),
                    MeetingStatus.RECEIVED);
            calendars.update(
                    accountId,
                    event.id(),
                    EventContent.of(
                            current.withRecurrence(current.recurrence(), replaced(current.exceptions(), changed))));
            return;
        }
        CalendarEvent updated = message.sequence() == current.sequence() ? keepAnswer(invited, current) : invited;
        calendars.update(accountId, event.id(), EventContent.of(updated));
    }

    private void cancel(long accountId, ItipMessage message, EventView event) {
        CalendarEvent current = event.event();
        if (!fromOrganizer(message, current)) {
            return;
        }
        if (message.recurrenceId() != null && current.recurrence() != null) {
            calendars.update(
                    accountId,
                    event.id(),
                    EventContent.of(current.withRecurrence(
                            current.recurrence(),
                            replaced(current.exceptions(), EventException.deleted(message.recurrenceId())))));
            return;
        }
        calendars.update(
                accountId,
                event.id(),
                EventContent.of(current.withMeetingStatus(MeetingStatus.CANCELED_RECEIVED)
                        .withBusyStatus(BusyStatus.FREE)
                        .withSequence(Math.max(current.sequence(), message.sequence()))));
    }

    private void reply(
            long accountId, String recipient, @Nullable String sender, ItipMessage message, EventView event) {
        CalendarEvent current = event.event();
        if (!recipient.equalsIgnoreCase(current.organizerAddress())
                || message.attendees().isEmpty()) {
            return;
        }
        Attendee answer = message.attendees().getFirst();
        if (!answer.address().equalsIgnoreCase(sender)) {
            return;
        }
        Instant now = clock.instant();
        if (message.recurrenceId() != null && current.recurrence() != null) {
            replyToOccurrence(accountId, event, message.recurrenceId(), answer, now);
            return;
        }
        List<Attendee> attendees = answered(current.attendees(), answer, now);
        if (attendees != null) {
            calendars.update(accountId, event.id(), EventContent.of(current.withAttendees(attendees)));
        }
    }

    /**
     * A REPLY about one occurrence (RFC 5546 3.2.3 with RECURRENCE-ID) records the answer on that occurrence only: its
     * exception, made if need be, gets the attendee list with that answer, and the series' own list keeps the answer
     * the attendee gave to the series. A reply about an occurrence that was deleted or that the series does not have
     * changes nothing.
     */
    private void replyToOccurrence(
            long accountId, EventView event, Instant recurrenceId, Attendee answer, Instant now) {
        CalendarEvent current = event.event();
        EventException exception = current.exceptions().stream()
                .filter(e -> e.originalStart().equals(recurrenceId))
                .findFirst()
                .orElse(null);
        if (exception != null && exception.deleted()) {
            return;
        }
        List<Attendee> attendees = answered(
                exception != null && exception.attendees() != null ? exception.attendees() : current.attendees(),
                answer,
                now);
        if (attendees == null) {
            return;
        }
        EventException changed = exception == null
                ? new EventException(
                        recurrenceId,
                        false,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        attendees,
                        null)
                : new EventException(
                        recurrenceId,
                        false,
                        exception.subject(),
                        exception.location(),
                        exception.body(),
                        exception.start(),
                        exception.end(),
                        exception.allDay(),
                        exception.busyStatus(),
                        exception.sensitivity(),
                        exception.reminderMinutes(),
                        exception.categories(),
                        attendees,
                        exception.meetingStatus());
        calendars.changeOccurrence(accountId, event.id(), changed);
    }

    /** The attendees with the one {@code answer} names holding its answer, or null when none of them is it. */
    private static @Nullable List<Attendee> answered(List<Attendee> attendees, Attendee answer, Instant now) {
        boolean known = false;
        List<Attendee> result = new ArrayList<>();
        for (Attendee attendee : attendees) {
            if (attendee.address().equalsIgnoreCase(answer.address())) {
                result.add(attendee.withStatus(answer.status(), now));
                known = true;
            } else {
                result.add(attendee);
            }
        }
        return known ? result : null;
    }

    /** Only the organizer the stored meeting names may change or cancel it. */
    private static boolean fromOrganizer(ItipMessage message, CalendarEvent current) {
        return current.organizerAddress() != null
                && current.organizerAddress().equalsIgnoreCase(message.organizerAddress());
    }

    /** The updated meeting with the answer the recipient gave to the version before, which it does not change. */
    private static CalendarEvent keepAnswer(CalendarEvent updated, CalendarEvent current) {
        if (current.busyStatus() == BusyStatus.TENTATIVE) {
            return updated;
        }
        return updated.withBusyStatus(current.busyStatus());
    }

    private static List<EventException> replaced(List<EventException> exceptions, EventException replacement) {
        List<EventException> result = new ArrayList<>();
        for (EventException exception : exceptions) {
            if (!exception.originalStart().equals(replacement.originalStart())) {
                result.add(exception);
            }
        }
        result.add(replacement);
        return result;
    }
}
