package org.atoll.mail;

import jakarta.mail.Address;
import jakarta.mail.Message.RecipientType;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MailDateFormat;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.UnsupportedEncodingException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import org.atoll.account.AccountView;
import org.atoll.account.Accounts;
import org.atoll.mail.internal.OutboundQueue;
import org.atoll.mail.internal.OutboundRow;
import org.atoll.mail.internal.SentClientIds;
import org.atoll.mailbox.ChangeOrigin;
import org.atoll.mailbox.LastVerb;
import org.atoll.mailbox.MailboxNotFound;
import org.atoll.mailbox.Mailboxes;
import org.atoll.mailbox.MessageNotFound;
import org.atoll.mailbox.MessageView;
import org.atoll.mailbox.QuotaExceeded;
import org.atoll.mailbox.SystemFolder;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends what a device composed. One transaction remembers the ClientId, stores the Sent Items copy, records
 * LastVerbExecuted on the original and queues a delivery per recipient; only then are the recipients with an
 * account here delivered to (each in its own transaction, so one full mailbox fails only its own delivery), and the
 * rest wait for the outbound worker. A refused submission changes nothing.
 *
 * <p>The envelope sender is always the authenticated account. Bcc is kept in the Sent Items copy and taken out of
 * the copy every recipient receives. The sender's own trace and authentication headers are removed from both, and
 * the recipients' copy starts with this server's Received line ({@link TraceHeaders}).
 */
@Service
public class MailSubmission {

    private final Accounts accounts;
    private final Mailboxes mailboxes;
    private final SentClientIds clientIds;
    private final OutboundQueue queue;
    private final Deliveries deliveries;
    private final SendRate sendRate;
    private final MailProperties properties;
    private final TransactionTemplate transaction;
    private final Clock clock;
    private final Composer composer = new Composer();

    MailSubmission(
            Accounts accounts,
            Mailboxes mailboxes,
            SentClientIds clientIds,
            OutboundQueue queue,
            Deliveries deliveries,
            SendRate sendRate,
            MailProperties properties,
            PlatformTransactionManager transactions,
            Clock clock) {
        this.accounts = accounts;
        this.mailboxes = mailboxes;
        this.clientIds = clientIds;
        this.queue = queue;
        this.deliveries = deliveries;
        this.sendRate = sendRate;
        this.properties = properties;
        this.transaction = new TransactionTemplate(transactions);
        this.clock = clock;
    }

    /**
     * @throws SubmissionRefused for a message that cannot be sent as asked, or not now ({@link SendQuotaExceeded});
     *     nothing was changed
     * @throws QuotaExceeded when the Sent Items copy does not fit the account's quota; nothing was sent
     */
    public void submit(Submission submission) {
        AccountView account =
                accounts.find(submission.accountId()).orElseThrow(() -> new MailboxNotFound(submission.accountId()));
        String clientId = submission.clientId();
        if (clientId != null && clientIds.known(account.id(), submission.devicePk(), clientId)) {
            throw new AlreadySent(clientId);
        }
        MimeMessage message = parse(submission.mime());
        try {
            TraceHeaders.strip(message);
            applySender(message, account);
            List<String> recipients = recipients(message);
            Original original = submission.source() == null ? null : original(account.id(), submission.source());
            byte[] composed = compose(message, submission, original);
            MimeMessage sentCopy = MimeMessages.parse(composed);
            ensureIdentity(sentCopy);
            byte[] withBcc = MimeMessages.bytes(sentCopy);
            sentCopy.removeHeader("Bcc");
            TraceHeaders.addReceived(sentCopy, properties.hostname(), clock.instant());
            byte[] outgoing = MimeMessages.bytes(sentCopy);
            LastVerb verb = original == null ? LastVerb.NONE : verb(submission.kind(), original, recipients, account);
            sendRate.take(account.id(), recipients.size());
            List<long[]> local;
            try {
                local = transaction.execute(status -> {
                    Instant now = clock.instant();
                    if (clientId != null && !clientIds.remember(account.id(), submission.devicePk(), clientId, now)) {
                        throw new AlreadySent(clientId);
                    }
                    if (submission.saveInSent()) {
                        mailboxes.deliver(account.id(), SystemFolder.SENT_ITEMS, withBcc, now, true);
                    }
                    if (original != null) {
                        ChangeOrigin.asDevice(submission.devicePk(), () -> {
                            mailboxes.recordVerb(account.id(), original.view().id(), verb);
                            return null;
                        });
                    }
                    return queue(account, recipients, outgoing, now);
                });
            } catch (RuntimeException e) {
                sendRate.giveBack(account.id(), recipients.size());
                throw e;
            }
            local.forEach(row -> deliveries.deliverNow(row[0], row[1]));
        } catch (MessagingException | IOException e) {
            throw new InvalidMessage("The message cannot be read: " + e.getMessage());
        }
    }

    private List<long[]> queue(AccountView account, List<String> recipients, byte[] outgoing, Instant now) {
        List<long[]> local = new ArrayList<>();
        List<String> remote = new ArrayList<>();
        for (String recipient : recipients) {
            if (accounts.idOf(recipient).isPresent()) {
                long id = queue.add(
                        account.id(), OutboundRow.Route.LOCAL, account.address(), List.of(recipient), outgoing, now);
                local.add(new long[] {account.id(), id});
            } else {
                remote.add(recipient);
            }
        }
        if (!remote.isEmpty()) {
            queue.add(account.id(), OutboundRow.Route.SMARTHOST, account.address(), remote, outgoing, now);
        }
        return local;
    }

    private static MimeMessage parse(byte[] mime) {
        if (mime.length == 0 || mime.length > Mailboxes.MAX_MESSAGE_BYTES) {
            throw new InvalidMessage("A message has between 1 and " + Mailboxes.MAX_MESSAGE_BYTES + " bytes");
        }
        try {
            MimeMessage message = MimeMessages.parse(MimeMessages.crlf(mime));
            if (message.getAllHeaders().hasMoreElements()) {
                return message;
            }
        } catch (MessagingException e) {
            throw new InvalidMessage("The message cannot be read: " + e.getMessage());
        }
        throw new InvalidMessage("The message has no header");
    }

    /** The From is the account; another address is refused or replaced as configured. */
    private void applySender(MimeMessage message, AccountView account) throws MessagingException {
        boolean own = isOnly(message.getHeader("From", ","), account.address())
                && (message.getHeader("Sender", ",") == null
                        || isOnly(message.getHeader("Sender", ","), account.address()));
        if (own) {
            return;
        }
        if (message.getHeader("From", ",") != null && properties.foreignFrom() == MailProperties.ForeignFrom.REFUSE) {
            throw new ForeignSender();
        }
        try {
            message.setFrom(
                    new InternetAddress(account.address(), MimeMessages.headerText(account.displayName()), "UTF-8"));
        } catch (UnsupportedEncodingException e) {
            throw new IllegalStateException("UTF-8 is always supported", e);
        }
        message.removeHeader("Sender");
    }

    private static boolean isOnly(@Nullable String header, String address) {
        if (header == null) {
            return false;
        }
        try {
            InternetAddress[] parsed = InternetAddress.parseHeader(header, false);
            return parsed.length == 1
                    && parsed[0].getAddress() != null
                    && parsed[0].getAddress().equalsIgnoreCase(address);
        } catch (AddressException e) {
            return false;
        }
    }

    /** To, Cc and Bcc, groups expanded, each address once, each fit for an SMTP envelope. */
    private static List<String> recipients(MimeMessage message) throws MessagingException {
        Set<String> seen = new LinkedHashSet<>();
        List<String> result = new ArrayList<>();
        for (RecipientType type : List.of(RecipientType.TO, RecipientType.CC, RecipientType.BCC)) {
            String header = message.getHeader(type.toString(), ",");
            if (header == null) {
                continue;
            }
            InternetAddress[] parsed;
            try {
                parsed = InternetAddress.parseHeader(header, false);
            } catch (AddressException e) {
                throw new UnresolvedRecipient("A " + type + " address cannot be read");
            }
            for (InternetAddress address : expand(parsed)) {
                String value = address.getAddress();
                if (value == null || !MimeMessages.envelopeAddress(value)) {
                    throw new UnresolvedRecipient("A " + type + " address is not one mail can be sent to");
                }
                if (seen.add(value.toLowerCase(Locale.ROOT))) {
                    result.add(value);
                }
            }
        }
        if (result.isEmpty()) {
            throw new NoRecipients();
        }
        return result;
    }

    private static List<InternetAddress> expand(InternetAddress[] addresses) throws AddressException {
        List<InternetAddress> out = new ArrayList<>();
        for (InternetAddress address : addresses) {
            if (address.isGroup()) {
                InternetAddress[] members = address.getGroup(false);
                if (members != null) {
                    out.addAll(List.of(members));
                }
            } else {
                out.add(address);
            }
        }
        return out;
    }

    private record Original(MessageView view, byte[] raw) {}

    private Original original(long accountId, Submission.Source source) {
        try {
            MessageView view = mailboxes.message(accountId, source.messageId());
            if (source.folderId() != null && source.folderId() != view.folderId()) {
                throw new SourceNotFound(source.messageId());
            }
            return new Original(view, mailboxes.rawMime(accountId, source.messageId()));
        } catch (MessageNotFound e) {
            throw new SourceNotFound(source.messageId());
        }
    }

    private byte[] compose(MimeMessage message, Submission submission, @Nullable Original original)
            throws MessagingException, IOException {
        if (original == null || submission.replaceMime()) {
            return MimeMessages.bytes(message);
        }
        return submission.kind() == Submission.Kind.REPLY
                ? composer.reply(message, original.raw())
                : composer.forward(message, original.raw());
    }

    /** Every message leaves with a Date and a Message-ID; the device's own are kept. */
    private void ensureIdentity(MimeMessage message) throws MessagingException {
        if (message.getHeader("Date") == null) {
            message.setHeader("Date", new MailDateFormat().format(Date.from(clock.instant())));
        }
        if (message.getHeader("Message-ID") == null) {
            message.setHeader("Message-ID", "<" + UUID.randomUUID() + "@" + properties.hostname() + ">");
        }
    }

    /**
     * ActiveSync has one SmartReply for both kinds of reply; it is a reply to all when it goes to anyone besides
     * the original's sender (its Reply-To, or else its From) and the account itself.
     */
    private static LastVerb verb(
            Submission.Kind kind, Original original, List<String> recipients, AccountView account) {
        if (kind == Submission.Kind.FORWARD) {
            return LastVerb.FORWARD;
        }
        Set<String> senders = new LinkedHashSet<>();
        try {
            Address[] replyTo = MimeMessages.parse(original.raw()).getReplyTo();
            for (Address address : replyTo == null ? new Address[0] : replyTo) {
                if (address instanceof InternetAddress internet && internet.getAddress() != null) {
                    senders.add(internet.getAddress().toLowerCase(Locale.ROOT));
                }
            }
        } catch (MessagingException e) {
            return LastVerb.REPLY_TO_SENDER;
        }
        boolean toAll = recipients.stream()
                .map(r -> r.toLowerCase(Locale.ROOT))
                .filter(r -> !r.equalsIgnoreCase(account.address()))
                .anyMatch(r -> !senders.contains(r));
        return toAll ? LastVerb.REPLY_TO_ALL : LastVerb.REPLY_TO_SENDER;
    }
}
