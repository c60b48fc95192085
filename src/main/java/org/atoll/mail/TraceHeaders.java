package org.atoll.mail;

import jakarta.mail.Header;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MailDateFormat;
import jakarta.mail.internet.MimeMessage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The trace of a message a device submits. A submission is where a message's trace begins (RFC 5321 section 4.4,
 * RFC 6409 section 8): trace lines, authentication results and signatures already in it were written by the sender
 * and would tell recipients, their filters and the smarthost things about its path and origin that are not true.
 * They are removed rather than renamed to {@code X-Original-…}: a renamed header still carries the sender's words to
 * every recipient, some filters read those too, and a message that starts here has no original trace worth keeping.
 * A client has no key to sign for its domain either, and the server changes the message (From, Bcc, the quoted
 * original) after any signature it might bring, so a DKIM signature is removed as well.
 */
final class TraceHeaders {

    /** Header names, lower case, that only a server on the message's path may write. */
    private static final Set<String> NAMES = Set.of(
            "return-path",
            "received",
            "received-spf",
            "authentication-results",
            "dkim-signature",
            "domainkey-signature",
            "delivered-to",
            "x-original-to",
            "envelope-to",
            "x-envelope-from",
            "x-envelope-to");

    /**
     * Prefixes of the same: the ARC set (RFC 8617), the resent fields a re-sending agent adds (RFC 5322 section
     * 3.6.6), and spam verdicts, which mail filters and clients trust as the receiving server's own.
     */
    private static final List<String> PREFIXES = List.of("arc-", "resent-", "x-spam-");

    private TraceHeaders() {}

    /** Removes every trace, authentication and verdict header; the message's other lines stay as they were. */
    static void strip(MimeMessage message) throws MessagingException {
        List<String> found = new ArrayList<>();
        for (Enumeration<Header> headers = message.getAllHeaders(); headers.hasMoreElements(); ) {
            String name = headers.nextElement().getName();
            if (isTrace(name)) {
                found.add(name);
            }
        }
        for (String name : found) {
            message.removeHeader(name);
        }
    }

    static boolean isTrace(String name) {
        String lower = name.strip().toLowerCase(Locale.ROOT);
        return NAMES.contains(lower) || PREFIXES.stream().anyMatch(lower::startsWith);
    }

    /**
     * The submission's own trace line (RFC 5321 section 4.4), put first. It names this server and the protocol and
     * nothing of the device: no address, no name, so the sender's network does not travel with every message.
     */
    static void addReceived(MimeMessage message, String hostname, Instant when) throws MessagingException {
        String line = "by " + MimeMessages.headerText(hostname) + " with ActiveSync; "
                + new MailDateFormat().format(Date.from(when));
        message.addHeader("Received", line);
    }
}
