package org.atoll.mail;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.atoll.account.Accounts;
import org.atoll.mail.LmtpCommandLine.Path;
import org.atoll.mailbox.InvalidMailboxRequest;
import org.atoll.mailbox.Invitations;
import org.atoll.mailbox.MailboxNotFound;
import org.atoll.mailbox.MessageBytes;
import org.atoll.mailbox.QuotaExceeded;
import org.atoll.shared.CrashPoint;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.transaction.TransactionException;

/**
 * One LMTP session (RFC 2033): LHLO, then transactions of MAIL, RCPT and DATA, answered after DATA with one reply
 * per accepted recipient in RCPT order. Command lines are read up to {@link #MAX_LINE} bytes; message data is
 * streamed through dot-unstuffing into a buffer that stops growing at the size limit, and only CR LF . CR LF ends
 * it (a dot after a bare LF does not).
 */
final class LmtpSession {

    /** Longest command line accepted, CR LF included; RFC 5321 section 4.5.3.1.4 asks for 512 at least. */
    static final int MAX_LINE = 2048;

    /** Unknown or misplaced commands tolerated before the session is closed. */
    static final int MAX_ERRORS = 20;

    /** Bytes read from the socket at a time; command lines and message data are scanned in this buffer. */
    private static final int READ_BUFFER = 16 * 1024;

    private static final Logger log = LoggerFactory.getLogger(LmtpSession.class);

    private final InputStream in;
    private final byte[] buffer = new byte[READ_BUFFER];
    private int position;
    private int end;
    private final OutputStream out;
    private final MailProperties.Lmtp settings;
    private final String hostname;
    private final Accounts accounts;
    private final Invitations inboxes;
    private final DeliveryMeter deliveryMeter;
    private final OutOfOffice outOfOffice;

    private boolean greeted;
    private @Nullable String sender;
    private final List<Recipient> recipients = new ArrayList<>();
    private int errors;

    private record Recipient(String address, long accountId) {}

    LmtpSession(
            InputStream in,
            OutputStream out,
            MailProperties.Lmtp settings,
            String hostname,
            Accounts accounts,
            Invitations inboxes,
            DeliveryMeter deliveryMeter,
            OutOfOffice outOfOffice) {
        this.deliveryMeter = deliveryMeter;
        this.outOfOffice = outOfOffice;
        this.in = in;
        this.out = new BufferedOutputStream(out);
        this.settings = settings;
        this.hostname = hostname;
        this.accounts = accounts;
        this.inboxes = inboxes;
    }

    void run() throws IOException {
        reply("220 " + hostname + " LMTP Atoll ready");
        while (true) {
            Line read = readLine();
            if (read == null) {
                return;
            }
            if (read.tooLong()) {
                if (error("500 5.5.2 Line too long")) {
                    return;
                }
                continue;
            }
            LmtpCommandLine command = LmtpCommandLine.parse(read.text());
            String argument = command.argument();
            boolean goOn = switch (command.verb()) {
                case "LHLO" -> lhlo(argument);
                case "HELO", "EHLO" -> !error("500 5.5.1 This is LMTP: greet with LHLO");
                case "MAIL" -> mail(argument);
                case "RCPT" -> rcpt(argument);
                case "DATA" -> data();
                case "RSET" -> {
                    reset();
                    reply("250 2.0.0 OK");
                    yield true;
                }
                case "NOOP" -> {
                    reply("250 2.0.0 OK");
                    yield true;
                }
                case "VRFY" -> {
                    reply("252 2.5.0 Send some mail and see");
                    yield true;
                }
                case "QUIT" -> {
                    reply("221 2.0.0 " + hostname + " closing");
                    yield false;
                }
                default -> !error("500 5.5.2 Unknown command");
            };
            if (!goOn) {
                return;
            }
        }
    }

    private boolean lhlo(String argument) throws IOException {
        if (argument.isEmpty()) {
            return !error("501 5.5.4 LHLO needs a host name");
        }
        reset();
        greeted = true;
        reply(
                "250-" + hostname,
                "250-PIPELINING",
                "250-ENHANCEDSTATUSCODES",
                "250-8BITMIME",
                "250 SIZE " + settings.maxMessageBytes());
        return true;
    }

    private boolean mail(String argument) throws IOException {
        if (!greeted) {
            return !error("503 5.5.1 Say LHLO first");
        }
        if (sender != null) {
            return !error("503 5.5.1 A transaction is already open");
        }
        if (!argument.regionMatches(true, 0, "FROM:", 0, 5)) {
            return !error("501 5.5.4 Syntax: MAIL FROM:<address>");
        }
        Optional<Path> path = LmtpCommandLine.path(argument.substring(5));
        if (path.isEmpty()
                || (!path.get().address().isEmpty()
                        && !MimeMessages.envelopeAddress(path.get().address()))) {
            return !error("501 5.1.7 Bad sender address");
        }
        for (String parameter : path.get().parameters()) {
            if (parameter.regionMatches(true, 0, "SIZE=", 0, 5)) {
                Optional<Long> size = LmtpCommandLine.number(parameter.substring(5));
                if (size.isEmpty()) {
                    return !error("501 5.5.4 Bad SIZE");
                }
                if (size.get() > settings.maxMessageBytes()) {
                    reply("552 5.3.4 Message too big; the limit is " + settings.maxMessageBytes() + " bytes");
                    return true;
                }
            }
        }
        sender = path.get().address();
        reply("250 2.1.0 Sender OK");
        return true;
    }

    private boolean rcpt(String argument) throws IOException {
        if (sender == null) {
            return !error("503 5.5.1 Say MAIL first");
        }
        if (!argument.regionMatches(true, 0, "TO:", 0, 3)) {
            return !error("501 5.5.4 Syntax: RCPT TO:<address>");
        }
        Optional<Path> path = LmtpCommandLine.path(argument.substring(3));
        if (path.isEmpty() || !MimeMessages.envelopeAddress(path.get().address())) {
            reply("501 5.1.3 Bad recipient address");
            return true;
        }
        if (recipients.size() >= settings.maxRecipients()) {
            reply("452 4.5.3 Too many recipients");
            return true;
        }
        Optional<Long> account;
        try {
            account = accounts.idOf(path.get().address());
        } catch (DataAccessException | TransactionException e) {
            log.warn("LMTP recipient lookup failed; the MTA will try again: {}", e.toString());
            reply("451 4.3.0 Temporary failure, try again later");
            return true;
        }
        if (account.isEmpty()) {
            reply("550 5.1.1 No such user here");
            return true;
        }
        recipients.add(new Recipient(path.get().address(), account.get()));
        reply("250 2.1.5 Recipient OK");
        return true;
    }

    private boolean data() throws IOException {
        if (recipients.isEmpty()) {
            return !error("503 5.5.1 No valid recipients");
        }
        reply("354 Go ahead; end with <CR><LF>.<CR><LF>");
        byte[] returnPath = ("Return-Path: <" + sender + ">\r\n").getBytes(StandardCharsets.US_ASCII);
        Data body = new Data(returnPath, settings.maxMessageBytes() + returnPath.length);
        boolean complete = readData(body);
        if (!complete) {
            return false;
        }
        List<String> replies = new ArrayList<>();
        if (body.size() > settings.maxMessageBytes()) {
            recipients.forEach(r ->
                    replies.add("552 5.3.4 Message too big; the limit is " + settings.maxMessageBytes() + " bytes"));
        } else {
            MessageBytes raw = body.done();
            Map<Long, String> done = new HashMap<>();
            for (Recipient recipient : recipients) {
                replies.add(done.computeIfAbsent(recipient.accountId(), id -> deliver(id, recipient.address(), raw)));
            }
            String envelopeSender = sender == null ? "" : sender;
            done.forEach((accountId, reply) -> {
                if (reply.startsWith("250")) {
                    outOfOffice.received(accountId, envelopeSender, raw.bytes());
                }
            });
        }
        reset();
        CrashPoint.reached(CrashPoint.LMTP_DELIVERED);
        reply(replies.toArray(String[]::new));
        return true;
    }

    private String deliver(long accountId, String address, MessageBytes raw) {
        try {
            inboxes.deliver(accountId, address, raw, null);
            deliveryMeter.delivered("lmtp", raw.size());
            return "250 2.0.0 Delivered";
        } catch (QuotaExceeded e) {
            return "552 5.2.2 Mailbox full";
        } catch (MailboxNotFound e) {
            return "550 5.1.1 No such user here";
        } catch (InvalidMailboxRequest e) {
            return "554 5.6.0 Message refused by the mailbox";
        } catch (RuntimeException e) {
            log.warn("LMTP delivery to account {} failed; the MTA will try again", accountId, e);
            return "451 4.3.0 Temporary failure, try again later";
        }
    }

    /**
     * Message data as it is read, digested along the way ({@link MessageBytes.Reading}): grows up to its limit plus
     * one byte, so that the caller can tell it was too big, and drops what comes after.
     */
    private static final class Data {

        private final MessageBytes.Reading bytes;
        private final int limit;

        Data(byte[] start, int limit) {
            int kept = (int) Math.min(Integer.MAX_VALUE - 8, (long) limit + 1);
            this.bytes = new MessageBytes.Reading(Math.min(kept, 64 * 1024), kept);
            this.bytes.add(start, 0, start.length);
            this.limit = limit;
        }

        void add(int b) {
            if (bytes.size() > limit) {
                return;
            }
            bytes.add(b);
        }

        int size() {
            return bytes.size();
        }

        MessageBytes done() {
            return bytes.done();
        }
    }

    /**
     * Reads message data up to the lone dot, undoing dot-stuffing (RFC 5321 section 4.5.2), keeping at most the
     * data's limit plus one byte.
     *
     * @return false when the connection ended before the data did
     */
    private boolean readData(Data body) throws IOException {
        final int lineStart = 0, dot = 1, dotCr = 2, middle = 3, cr = 4;
        int state = lineStart;
        while (true) {
            if (position == end && !fill()) {
                return false;
            }
            int b = buffer[position++] & 0xff;
            switch (state) {
                case lineStart -> {
                    if (b == '.') {
                        state = dot;
                    } else {
                        body.add(b);
                        state = b == '\r' ? cr : middle;
                    }
                }
                case dot -> {
                    if (b == '\r') {
                        state = dotCr;
                    } else {
                        body.add(b);
                        state = middle;
                    }
                }
                case dotCr -> {
                    if (b == '\n') {
                        return true;
                    }
                    body.add('\r');
                    body.add(b);
                    state = b == '\r' ? cr : middle;
                }
                case cr -> {
                    body.add(b);
                    state = b == '\n' ? lineStart : b == '\r' ? cr : middle;
                }
                default -> {
                    body.add(b);
                    state = b == '\r' ? cr : middle;
                }
            }
        }
    }

    private record Line(String text, boolean tooLong) {}

    /**
     * One command line without its line end, or one marked too long when it had more than {@link #MAX_LINE} bytes
     * (the rest of it is skipped); null at the end of the stream.
     */
    private @Nullable Line readLine() throws IOException {
        byte[] line = new byte[MAX_LINE];
        int length = 0;
        boolean tooLong = false;
        while (true) {
            if (position == end && !fill()) {
                return null;
            }
            byte b = buffer[position++];
            if (b == '\n') {
                break;
            }
            if (length < MAX_LINE) {
                line[length++] = b;
            } else {
                tooLong = true;
            }
        }
        if (length > 0 && line[length - 1] == '\r') {
            length--;
        }
        return new Line(new String(line, 0, length, StandardCharsets.UTF_8), tooLong);
    }

    /** Refills the read buffer once it is used up; false at the end of the stream. */
    private boolean fill() throws IOException {
        int read = in.read(buffer, 0, buffer.length);
        if (read < 0) {
            return false;
        }
        position = 0;
        end = read;
        return true;
    }

    private void reset() {
        sender = null;
        recipients.clear();
    }

    /** Answers with an error; true when the session has had too many of them and is closed. */
    private boolean error(String reply) throws IOException {
        errors++;
        if (errors > MAX_ERRORS) {
            reply("421 4.7.0 Too many errors, closing");
            return true;
        }
        reply(reply);
        return false;
    }

    /**
     * Writes a reply, sent at once unless the client has already sent more: pipelined commands get their replies
     * in one write (RFC 2920 section 3.2).
     */
    private void reply(String... lines) throws IOException {
        for (String line : lines) {
            out.write(line.getBytes(StandardCharsets.US_ASCII));
            out.write('\r');
            out.write('\n');
        }
        if (position == end && in.available() == 0) {
            out.flush();
        }
    }
}
