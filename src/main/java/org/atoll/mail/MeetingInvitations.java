package org.atoll.mail;

import jakarta.mail.Message.RecipientType;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.UnsupportedEncodingException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Supplier;
import org.atoll.account.AccountView;
import org.atoll.account.Accounts;
import org.atoll.calendar.Attendee;
import org.atoll.calendar.CalendarEvent;
import org.atoll.calendar.ItipMethod;
import org.atoll.calendar.OrganizerNotices;
import org.atoll.calendar.OrganizerNotices.Notice;
import org.atoll.mail.internal.OutboundQueue;
import org.atoll.mail.internal.OutboundRow;
import org.atoll.mailbox.Calendars;
import org.atoll.mailbox.EventContent;
import org.atoll.mailbox.EventView;
import org.atoll.mailbox.InvitationLimitReached;
import org.atoll.mailbox.Invitations;
import org.atoll.mailbox.MailboxNotFound;
import org.atoll.mailbox.Mailboxes;
import org.atoll.mailbox.Meetings;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * {@link Meetings} through Atoll's own mail flow: each iMIP message (RFC 6047 2.3, a text part and a
 * {@code text/calendar} part with its METHOD) is from the organizer's account, as its From and its envelope sender.
 * An attendee with an account here gets it through {@link Invitations#deliver} in the transaction of the calendar
 * change, so the request lands in the Inbox and the tentative meeting in the calendar together with the organizer's
 * change, and the attendee's devices are woken on commit; the other attendees get it through the outbound queue,
 * written in the same transaction, which the worker hands to the smarthost. An attendee here whose mailbox is full
 * is queued like a remote one instead, so one full mailbox does not refuse the organizer's change: the worker then
 * reports the failed delivery to the organizer, as for any mail.
 *
 * <p>Every message counts against the account's send limits like a message it sends itself, checked before anything
 * is changed: a change whose messages would exceed them is refused whole ({@link InvitationLimitReached}).
 */
@Service
class MeetingInvitations implements Meetings {

    private final Accounts accounts;
    private final Calendars calendars;
    private final Invitations inboxes;
    private final Mailboxes mailboxes;
    private final OutboundQueue queue;
    private final SendRate sendRate;
    private final MailProperties properties;
    private final TransactionTemplate transaction;
    private final Clock clock;

    MeetingInvitations(
            Accounts accounts,
            Calendars calendars,
            Invitations inboxes,
            Mailboxes mailboxes,
            OutboundQueue queue,
            SendRate sendRate,
            MailProperties properties,
            PlatformTransactionManager transactions,
            Clock clock) {
        this.accounts = accounts;
        this.calendars = calendars;
        this.inboxes = inboxes;
        this.mailboxes = mailboxes;
        this.queue = queue;
        this.sendRate = sendRate;
        this.properties = properties;
        this.transaction = new TransactionTemplate(transactions);
        this.clock = clock;
    }

    @Override
    public EventView create(long accountId, long folderId, EventContent content) {
        AccountView account = account(accountId);
        CalendarEvent event = content.event();
        if (!OrganizerNotices.ownedBy(event, account.address())) {
            return calendars.create(accountId, folderId, content);
        }
        CalendarEvent organized = OrganizerNotices.asOrganized(event, null, account.address(), account.displayName());
        List<Notice> notices = OrganizerNotices.notices(null, organized, account.address());
        return sending(account, notices, () -> calendars.create(accountId, folderId, EventContent.of(organized)));
    }

    @Override
    public EventView update(long accountId, long eventId, EventContent content) {
        AccountView account = account(accountId);
        CalendarEvent before = calendars.event(accountId, eventId).event();
        CalendarEvent event = content.event();
        if (!OrganizerNotices.ownedBy(before, account.address())
                || !OrganizerNotices.ownedBy(event, account.address())) {
            return calendars.update(accountId, eventId, content);
        }
        CalendarEvent organized = OrganizerNotices.asOrganized(
                content.uidGiven() ? event : event.withUid(before.uid()),
                before,
                account.address(),
                account.displayName());
        List<Notice> notices = OrganizerNotices.notices(before, organized, account.address());
        return sending(account, notices, () -> calendars.update(accountId, eventId, EventContent.of(organized)));
    }

    @Override
    public void delete(long accountId, Collection<Long> eventIds) {
        AccountView account = account(accountId);
        List<Notice> notices = new ArrayList<>();
        for (EventView event : calendars.events(accountId, eventIds)) {
            notices.addAll(OrganizerNotices.notices(event.event(), null, account.address()));
        }
        sending(account, notices, () -> {
            calendars.delete(accountId, eventIds);
            return null;
        });
    }

    /** Takes the messages from the allowance, then makes the change and sends them in one transaction. */
    private <T> T sending(AccountView account, List<Notice> notices, Supplier<T> change) {
        for (int i = 0; i < notices.size(); i++) {
            try {
                sendRate.take(account.id(), notices.get(i).recipients().size());
            } catch (SendQuotaExceeded e) {
                for (int j = 0; j < i; j++) {
                    sendRate.giveBack(account.id(), notices.get(j).recipients().size());
                }
                throw new InvitationLimitReached(e.getMessage());
            }
        }
        try {
            return transaction.execute(status -> {
                T result = change.get();
                Instant now = clock.instant();
                for (Notice notice : notices) {
                    send(account, notice, now);
                }
                return result;
            });
        } catch (RuntimeException e) {
            notices.forEach(notice ->
                    sendRate.giveBack(account.id(), notice.recipients().size()));
            throw e;
        }
    }

    private void send(AccountView account, Notice notice, Instant now) {
        byte[] message = message(account, notice, now);
        List<String> remote = new ArrayList<>();
        for (Attendee attendee : notice.recipients()) {
            var local = accounts.idOf(attendee.address());
            if (local.isPresent()) {
                mailboxes.holdWriterLock(local.get());
                if (mailboxes.fits(local.get(), message.length)) {
                    inboxes.deliver(local.get(), attendee.address(), message, now);
                } else {
                    queue.add(
                            account.id(),
                            OutboundRow.Route.LOCAL,
                            account.address(),
                            List.of(attendee.address()),
                            message,
                            now);
                }
            } else {
                remote.add(attendee.address());
            }
        }
        if (!remote.isEmpty()) {
            queue.add(account.id(), OutboundRow.Route.SMARTHOST, account.address(), remote, message, now);
        }
    }

    /** The iMIP message: From the organizer, To the recipients, a short text and the calendar part. */
    private byte[] message(AccountView account, Notice notice, Instant now) {
        CalendarEvent event = notice.event();
        boolean cancel = notice.method() == ItipMethod.CANCEL;
        try {
            MimeMessage message = new MimeMessage(jakarta.mail.Session.getInstance(new Properties()));
            message.setFrom(new InternetAddress(account.address(), account.displayName(), "UTF-8"));
            List<InternetAddress> to = new ArrayList<>();
            for (Attendee attendee : notice.recipients()) {
                to.add(new InternetAddress(attendee.address(), attendee.name(), "UTF-8"));
            }
            message.setRecipients(RecipientType.TO, to.toArray(InternetAddress[]::new));
            message.setSubject((cancel ? "Canceled: " : "") + event.subject(), "UTF-8");
            message.setSentDate(Date.from(now));
            message.setHeader("Message-ID", "<" + UUID.randomUUID() + "@" + properties.hostname() + ">");
            MimeBodyPart text = new MimeBodyPart();
            text.setText(
                    cancel
                            ? account.displayName() + " cancelled this meeting."
                            : account.displayName() + " invites you to " + event.subject() + ", starting "
                                    + event.start()
                                    + (event.location() == null ? "." : ", at " + event.location() + "."),
                    "UTF-8");
            MimeBodyPart calendar = new MimeBodyPart();
            calendar.setContent(
                    notice.ics(),
                    "text/calendar; charset=UTF-8; method="
                            + notice.method().name().toUpperCase(Locale.ROOT));
            message.setContent(new MimeMultipart("alternative", text, calendar));
            message.saveChanges();
            return MimeMessages.bytes(message);
        } catch (MessagingException | UnsupportedEncodingException e) {
            throw new IllegalStateException("A meeting message could not be built", e);
        }
    }

    private AccountView account(long accountId) {
        return accounts.find(accountId).orElseThrow(() -> new MailboxNotFound(accountId));
    }
}
