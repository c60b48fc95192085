package org.atoll.mail;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.InternetHeaders;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;
import java.io.ByteArrayInputStream;
import java.io.UnsupportedEncodingException;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import org.atoll.account.AccountView;
import org.atoll.account.Accounts;
import org.atoll.mail.internal.OofStore;
import org.atoll.mail.internal.OutboundQueue;
import org.atoll.mail.internal.OutboundRow;
import org.atoll.mailbox.MailboxException;
import org.atoll.mailbox.Mailboxes;
import org.atoll.mailbox.MessageSearch;
import org.atoll.mailbox.SystemFolder;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Out of Office: the settings devices (Settings Oof, MS-ASCMD 2.2.1.18) and the REST API read and set, and the
 * automatic replies Atoll sends itself when a message reaches an Inbox (RFC 3834).
 *
 * <p>A reply goes to the message's return path, at most once per sender and period (a period starts whenever the
 * settings are set), and never to a message from a list ({@code List-Id}, {@code List-Post}, {@code
 * List-Unsubscribe}, {@code Precedence: bulk, list or junk}), to one sent automatically ({@code Auto-Submitted}
 * other than {@code no}, {@code X-Auto-Response-Suppress} naming OOF or All), to a mailer daemon (an empty return
 * path, {@code MAILER-DAEMON}, {@code owner-…} or {@code …-request}), or to the account itself. A sender of a
 * domain this server serves is internal; an external sender is known when the account has written to the address
 * (a message in its Sent Items names it in To or Cc). The reply carries {@code Auto-Submitted: auto-replied},
 * In-Reply-To and References, and leaves with an empty return path, so nothing answers it in turn.
 */
@Service
public class OutOfOffice {

    /** The longest reply message, in characters. */
    public static final int MAX_MESSAGE_LENGTH = 64 * 1024;

    private static final Logger log = LoggerFactory.getLogger(OutOfOffice.class);

    private static final Set<String> LIST_PRECEDENCE = Set.of("bulk", "list", "junk");
    private static final List<String> LIST_HEADERS = List.of("List-Id", "List-Post", "List-Unsubscribe");

    private final OofStore store;
    private final Accounts accounts;
    private final Mailboxes mailboxes;
    private final MessageSearch messageSearch;
    private final OutboundQueue queue;
    private final MailProperties properties;
    private final Clock clock;

    OutOfOffice(
            OofStore store,
            Accounts accounts,
            Mailboxes mailboxes,
            MessageSearch messageSearch,
            OutboundQueue queue,
            MailProperties properties,
            Clock clock) {
        this.store = store;
        this.accounts = accounts;
        this.mailboxes = mailboxes;
        this.messageSearch = messageSearch;
        this.queue = queue;
        this.properties = properties;
        this.clock = clock;
    }

    /** The account's settings; off when it never set them. */
    @Transactional(readOnly = true)
    public OofSettings settings(long accountId) {
        return store.find(accountId).map(OofStore.Stored::settings).orElse(OofSettings.OFF);
    }

    /**
     * Replaces the account's settings and starts a new period, in which every sender may get one reply again.
     *
     * @throws InvalidOofSettings when a schedule lacks its start or end or ends before it starts, or a message is
     *     longer than {@link #MAX_MESSAGE_LENGTH}
     */
    @Transactional
    public void set(long accountId, OofSettings settings) {
        if (settings.state() == OofState.SCHEDULED
                && (settings.start() == null
                        || settings.end() == null
                        || !settings.start().isBefore(settings.end()))) {
            throw new InvalidOofSettings("A schedule has a start before its end");
        }
        for (OofReply reply : List.of(settings.internal(), settings.externalKnown(), settings.externalUnknown())) {
            if (reply.message().length() > MAX_MESSAGE_LENGTH) {
                throw new InvalidOofSettings("A reply message has at most " + MAX_MESSAGE_LENGTH + " characters");
            }
        }
        OofSettings kept = settings.state() == OofState.SCHEDULED
                ? settings
                : new OofSettings(
                        settings.state(),
                        null,
                        null,
                        settings.internal(),
                        settings.externalKnown(),
                        settings.externalUnknown());
        store.save(accountId, kept, clock.instant());
    }

    /**
     * A message reached the account's Inbox with the return path: sends the automatic reply it is owed, if any. Never
     * throws: a reply that cannot be sent is logged and dropped, and the delivery stands.
     */
    void received(long accountId, String returnPath, byte[] raw) {
        try {
            reply(accountId, returnPath, raw);
        } catch (RuntimeException e) {
            log.warn("The automatic reply of account {} could not be sent", accountId, e);
        }
    }

    private void reply(long accountId, String returnPath, byte[] raw) {
        Instant now = clock.instant();
        Optional<OofStore.Stored> stored = store.find(accountId);
        if (stored.isEmpty() || !stored.get().settings().activeAt(now)) {
            return;
        }
        String sender = returnPath.strip().toLowerCase(Locale.ROOT);
        Optional<AccountView> account = accounts.find(accountId);
        if (account.isEmpty()
                || mailerDaemon(sender)
                || sender.equals(account.get().address())) {
            return;
        }
        InternetHeaders headers;
        try {
            headers = new InternetHeaders(new ByteArrayInputStream(raw));
        } catch (MessagingException e) {
            return;
        }
        if (automatic(headers)) {
            return;
        }
        OofReply reply = audience(accountId, sender, stored.get().settings());
        if (!reply.enabled()
                || !store.claimReply(accountId, sender, stored.get().periodStart(), now)) {
            return;
        }
        byte[] message = build(account.get(), sender, headers, reply, now);
        Optional<Long> local = accounts.idOf(sender);
        if (local.isPresent()) {
            try {
                mailboxes.deliver(local.get(), SystemFolder.INBOX, message, now, false);
            } catch (MailboxException e) {
                log.info("The automatic reply of account {} was refused by the recipient's mailbox", accountId);
            }
        } else {
            queue.add(accountId, OutboundRow.Route.SMARTHOST, "", List.of(sender), message, now);
        }
    }

    /** The reply for the sender's audience: internal, known external, or any other external sender. */
    private OofReply audience(long accountId, String sender, OofSettings settings) {
        String domain = sender.substring(sender.lastIndexOf('@') + 1);
        if (accounts.servesDomain(domain)) {
            return settings.internal();
        }
        if (settings.externalKnown().enabled() && messageSearch.hasWrittenTo(accountId, sender)) {
            return settings.externalKnown();
        }
        return settings.externalUnknown();
    }

    /** RFC 3834 2: an empty return path, a mailer daemon, or a list's owner or request address. */
    private static boolean mailerDaemon(String sender) {
        int at = sender.lastIndexOf('@');
        if (at < 1) {
            return true;
        }
        String local = sender.substring(0, at);
        return local.equals("mailer-daemon") || local.startsWith("owner-") || local.endsWith("-request");
    }

    /** Mail from a list or sent automatically, which no automatic reply answers (RFC 3834 2). */
    private static boolean automatic(InternetHeaders headers) {
        for (String list : LIST_HEADERS) {
            if (headers.getHeader(list) != null) {
                return true;
            }
        }
        String precedence = first(headers, "Precedence");
        if (precedence != null && LIST_PRECEDENCE.contains(precedence.toLowerCase(Locale.ROOT))) {
            return true;
        }
        String submitted = first(headers, "Auto-Submitted");
        if (submitted != null) {
            String keyword = submitted.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
            if (!keyword.equals("no")) {
                return true;
            }
        }
        String suppress = first(headers, "X-Auto-Response-Suppress");
        if (suppress != null) {
            String lower = suppress.toLowerCase(Locale.ROOT);
            return lower.contains("oof") || lower.contains("all");
        }
        return false;
    }

    private static @Nullable String first(InternetHeaders headers, String name) {
        String[] values = headers.getHeader(name);
        return values == null || values.length == 0 ? null : values[0].strip();
    }

    private byte[] build(AccountView account, String to, InternetHeaders original, OofReply reply, Instant now) {
        try {
            MimeMessage message = new MimeMessage(jakarta.mail.Session.getInstance(new Properties()));
            message.setFrom(new InternetAddress(account.address(), account.displayName(), "UTF-8"));
            message.setRecipient(jakarta.mail.Message.RecipientType.TO, new InternetAddress(to));
            String subject = first(original, "Subject");
            String decoded = subject == null ? "" : MimeMessages.headerText(decode(subject));
            message.setSubject("Automatic reply: " + decoded, "UTF-8");
            message.setSentDate(Date.from(now));
            String messageId = first(original, "Message-ID");
            if (messageId != null) {
                String id = MimeMessages.headerText(messageId);
                message.setHeader("In-Reply-To", id);
                String references = first(original, "References");
                message.setHeader(
                        "References", references == null ? id : MimeMessages.headerText(references) + " " + id);
            }
            message.setHeader("Auto-Submitted", "auto-replied");
            message.setHeader("X-Auto-Response-Suppress", "All");
            message.setText(reply.message(), "UTF-8", reply.html() ? "html" : "plain");
            message.saveChanges();
            message.setHeader("Message-ID", "<" + UUID.randomUUID() + "@" + properties.hostname() + ">");
            return MimeMessages.crlf(MimeMessages.bytes(message));
        } catch (MessagingException | UnsupportedEncodingException e) {
            throw new IllegalStateException("An automatic reply could not be built", e);
        }
    }

    private static String decode(String text) {
        try {
            return MimeUtility.decodeText(MimeUtility.unfold(text));
        } catch (UnsupportedEncodingException e) {
            return text;
        }
    }
}
