package org.atoll.mail;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.UnsupportedEncodingException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.atoll.account.AccountView;
import org.atoll.account.Accounts;
import org.atoll.calendar.Attendee;
import org.atoll.calendar.BusyStatus;
import org.atoll.calendar.CalendarEvent;
import org.atoll.calendar.EventException;
import org.atoll.calendar.ICalendars;
import org.atoll.calendar.ItipMessage;
import org.atoll.calendar.ItipMethod;
import org.atoll.calendar.MalformedCalendarItem;
import org.atoll.calendar.MeetingMessages;
import org.atoll.calendar.MeetingStatus;
import org.atoll.calendar.ResponseStatus;
import org.atoll.mailbox.Calendars;
import org.atoll.mailbox.EventContent;
import org.atoll.mailbox.EventView;
import org.atoll.mailbox.MailboxNotFound;
import org.atoll.mailbox.Mailboxes;
import org.atoll.mailbox.MessageView;
import org.atoll.mailbox.SystemFolder;
import org.atoll.mime.MimeBodies;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * An attendee's answer to a meeting (MS-ASCMD 2.2.1.11 MeetingResponse): the meeting in the attendee's calendar
 * takes the answer (accepted: busy; tentative: tentative; declined: removed, or for one occurrence that occurrence
 * deleted), the meeting request leaves the Inbox for Deleted Items, as Exchange does, and when asked an iMIP REPLY
 * (RFC 5546 3.2.3) goes to the organizer through the normal submission path: delivered at once to an organizer with
 * an account here, whose meeting then records the answer, or queued for the smarthost.
 *
 * <p>The calendar change and the move are one transaction; the reply is sent after it, like any message.
 */
@Service
public class MeetingReplies {

    /** The meeting in the calendar after an answer that keeps it: its calendar folder and the event. */
    public record Answered(long folderId, long eventId) {}

    /**
     * Another time the attendee proposes for the meeting, or for the occurrence answered (MS-ASCMD 2.2.3.141
     * ProposedStartTime, 2.2.3.140 ProposedEndTime).
     *
     * @param end null to keep the meeting's length
     */
    public record Proposal(Instant start, @Nullable Instant end) {

        public Proposal {
            if (end != null && end.isBefore(start)) {
                throw new NotAMeetingRequest("A proposed time cannot end before it starts");
            }
        }
    }

    private final Accounts accounts;
    private final Mailboxes mailboxes;
    private final Calendars calendars;
    private final MailSubmission submission;
    private final MailProperties properties;
    private final TransactionTemplate transaction;
    private final Clock clock;

    MeetingReplies(
            Accounts accounts,
            Mailboxes mailboxes,
            Calendars calendars,
            MailSubmission submission,
            MailProperties properties,
            PlatformTransactionManager transactions,
            Clock clock) {
        this.accounts = accounts;
        this.mailboxes = mailboxes;
        this.calendars = calendars;
        this.submission = submission;
        this.properties = properties;
        this.transaction = new TransactionTemplate(transactions);
        this.clock = clock;
    }

    /**
     * Answers the meeting that {@code itemId} in {@code folderId} is: a meeting request in a mail folder, or the
     * meeting itself in a calendar.
     *
     * @param instance the occurrence answered, or null for the whole meeting
     * @param tellOrganizer whether an iMIP REPLY goes to the organizer, with {@code note} as its text
     * @return where the meeting is now, or empty when it was declined
     * @throws NotAMeetingRequest when the item is not a meeting request or a meeting someone else organizes
     * @throws SubmissionRefused when the reply cannot be sent (the answer is kept)
     */
    public Optional<Answered> answer(
            long accountId,
            long devicePk,
            long folderId,
            long itemId,
            ResponseStatus answer,
            @Nullable Instant instance,
            boolean tellOrganizer,
            @Nullable String note) {
        return answer(accountId, devicePk, folderId, itemId, answer, instance, tellOrganizer, note, null);
    }

    /**
     * As {@link #answer(long, long, long, long, ResponseStatus, Instant, boolean, String)}; with a {@code proposal}
     * the organizer gets, instead of a REPLY, an iMIP COUNTER (RFC 5546 3.2.7) that carries the same answer and the
     * proposed time, as Outlook and Exchange send "New Time Proposed". The attendee's own calendar keeps the
     * organizer's time until the organizer changes the meeting.
     */
    public Optional<Answered> answer(
            long accountId,
            long devicePk,
            long folderId,
            long itemId,
            ResponseStatus answer,
            @Nullable Instant instance,
            boolean tellOrganizer,
            @Nullable String note,
            @Nullable Proposal proposal) {
        AccountView account = accounts.find(accountId).orElseThrow(() -> new MailboxNotFound(accountId));
        boolean inCalendar = calendars.calendars(accountId).stream().anyMatch(folder -> folder.id() == folderId);
        MessageView request = inCalendar ? null : request(accountId, folderId, itemId);
        CalendarEvent invited = request == null ? null : invitation(accountId, request, account.address());
        Optional<Answered> answered = transaction.execute(status -> {
            EventView meeting = inCalendar
                    ? calendars.events(accountId, List.of(itemId)).stream()
                            .filter(event -> event.folderId() == folderId)
                            .findFirst()
                            .orElseThrow(() -> new NotAMeetingRequest("No such meeting"))
                    : calendars
                            .byUid(accountId, invited.uid())
                            .orElseGet(() -> calendars.create(
                                    accountId,
                                    calendars.defaultFolder(accountId).id(),
                                    EventContent.of(invited)));
            if (account.address().equalsIgnoreCase(meeting.event().organizerAddress())) {
                throw new NotAMeetingRequest("One does not answer a meeting one organizes");
            }
            Optional<Answered> kept = apply(accountId, account.address(), meeting, answer, instance);
            if (request != null) {
                mailboxes.move(
                        accountId,
                        List.of(request.id()),
                        mailboxes
                                .systemFolder(accountId, SystemFolder.DELETED_ITEMS)
                                .id());
            }
            return kept;
        });
        if (tellOrganizer) {
            CalendarEvent meeting = invited;
            if (meeting == null) {
                meeting =
                        calendars.events(accountId, List.of(itemId)).getFirst().event();
            }
            submission.submit(new Submission(
                    accountId,
                    devicePk,
                    null,
                    reply(account, meeting, answer, instance, note, proposal),
                    true,
                    Submission.Kind.NEW,
                    null,
                    false));
        }
        return answered;
    }

    private MessageView request(long accountId, long folderId, long messageId) {
        MessageView message = mailboxes.messages(accountId, List.of(messageId)).stream()
                .filter(m -> m.folderId() == folderId)
                .findFirst()
                .orElseThrow(() -> new NotAMeetingRequest("No such message"));
        if (!MeetingMessages.REQUEST.equals(message.messageClass())) {
            throw new NotAMeetingRequest("The message is no meeting request");
        }
        return message;
    }

    /** The meeting a request invites to, as it would stand in the attendee's calendar before an answer. */
    private CalendarEvent invitation(long accountId, MessageView request, String address) {
        String ics = MimeBodies.calendar(mailboxes.rawMime(accountId, request.id()))
                .orElseThrow(() -> new NotAMeetingRequest("The meeting request has no calendar part"));
        try {
            ItipMessage message = ICalendars.parseItip(ics, address);
            if (message.method() != ItipMethod.REQUEST || message.event() == null) {
                throw new NotAMeetingRequest("The calendar part is no invitation");
            }
            return message.event().withBusyStatus(BusyStatus.TENTATIVE).withMeetingStatus(MeetingStatus.RECEIVED);
        } catch (MalformedCalendarItem e) {
            throw new NotAMeetingRequest("The calendar part cannot be read: " + e.getMessage());
        }
    }

    private Optional<Answered> apply(
            long accountId, String address, EventView meeting, ResponseStatus answer, @Nullable Instant instance) {
        CalendarEvent event = meeting.event();
        BusyStatus busy = answer == ResponseStatus.ACCEPTED ? BusyStatus.BUSY : BusyStatus.TENTATIVE;
        if (instance == null && answer == ResponseStatus.DECLINED) {
            calendars.delete(accountId, List.of(meeting.id()));
            return Optional.empty();
        }
        CalendarEvent updated;
        if (instance == null) {
            updated = event.withBusyStatus(busy).withAttendees(answered(event.attendees(), address, answer));
        } else {
            if (event.recurrence() == null) {
                throw new NotAMeetingRequest("InstanceId names an occurrence of a meeting that does not recur");
            }
            EventException occurrence = answer == ResponseStatus.DECLINED
                    ? EventException.deleted(instance)
                    : new EventException(
                            instance, false, null, null, null, null, null, null, busy, null, null, null, null, null);
            List<EventException> exceptions = new ArrayList<>();
            event.exceptions().stream()
                    .filter(e -> !e.originalStart().equals(instance))
                    .forEach(exceptions::add);
            exceptions.add(occurrence);
            updated = event.withRecurrence(event.recurrence(), exceptions);
        }
        EventView stored = calendars.update(accountId, meeting.id(), EventContent.of(updated));
        return Optional.of(new Answered(stored.folderId(), stored.id()));
    }

    private List<Attendee> answered(List<Attendee> attendees, String address, ResponseStatus answer) {
        Instant now = clock.instant();
        return attendees.stream()
                .map(a -> a.address().equalsIgnoreCase(address) ? a.withStatus(answer, now) : a)
                .toList();
    }

    /** The iMIP REPLY to the organizer: a short text and the calendar part with this attendee's answer. */
    private byte[] reply(
            AccountView account,
            CalendarEvent meeting,
            ResponseStatus answer,
            @Nullable Instant instance,
            @Nullable String note,
            @Nullable Proposal proposal) {
        if (meeting.organizerAddress() == null) {
            throw new NotAMeetingRequest("The meeting names no organizer to answer");
        }
        Attendee me = meeting.attendees().stream()
                .filter(a -> a.address().equalsIgnoreCase(account.address()))
                .findFirst()
                .orElse(Attendee.required(account.address(), account.displayName()))
                .withStatus(answer, clock.instant());
        String verb = switch (answer) {
            case ACCEPTED -> "Accepted";
            case TENTATIVE -> "Tentative";
            default -> "Declined";
        };
        String ics;
        if (proposal == null) {
            ics = ICalendars.reply(meeting, me, instance);
        } else {
            Instant end = proposal.end() != null
                    ? proposal.end()
                    : proposal.start().plus(Duration.between(meeting.start(), meeting.end()));
            ics = ICalendars.counter(meeting, me, instance, proposal.start(), end);
        }
        try {
            MimeMessage message = new MimeMessage(jakarta.mail.Session.getInstance(new java.util.Properties()));
            message.setFrom(new InternetAddress(account.address(), account.displayName(), "UTF-8"));
            message.setRecipients(jakarta.mail.Message.RecipientType.TO, new InternetAddress[] {
                new InternetAddress(meeting.organizerAddress(), meeting.organizerName(), "UTF-8")
            });
            message.setSubject((proposal == null ? verb : "New Time Proposed") + ": " + meeting.subject(), "UTF-8");
            message.setSentDate(Date.from(clock.instant()));
            message.setHeader("Message-ID", "<" + UUID.randomUUID() + "@" + properties.hostname() + ">");
            MimeBodyPart text = new MimeBodyPart();
            text.setText(
                    note != null && !note.isBlank()
                            ? note
                            : account.displayName() + " " + verb.toLowerCase() + " this meeting"
                                    + (instance == null ? "." : " for the occurrence of " + instance + "."),
                    "UTF-8");
            MimeBodyPart calendar = new MimeBodyPart();
            calendar.setContent(
                    ics, "text/calendar; charset=UTF-8; method=" + (proposal == null ? "REPLY" : "COUNTER"));
            message.setContent(new MimeMultipart("alternative", text, calendar));
            message.saveChanges();
            return MimeMessages.bytes(message);
        } catch (MessagingException | UnsupportedEncodingException e) {
            throw new IllegalStateException("A meeting reply could not be built", e);
        }
    }
}
