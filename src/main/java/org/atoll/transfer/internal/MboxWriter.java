package org.atoll.transfer.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Writes messages as mboxrd: a {@code From } line with the sender and the time received, the read state in
 * {@code Status} and the answered and flagged state in {@code X-Status}, the message with every {@code >*From } line
 * given one more {@code >}, and an empty line. Lines keep the message's own line ending.
 */
public final class MboxWriter {

    private static final DateTimeFormatter ASCTIME =
            DateTimeFormatter.ofPattern("EEE MMM d HH:mm:ss yyyy", Locale.US).withZone(ZoneOffset.UTC);

    private final OutputStream out;

    public MboxWriter(OutputStream out) {
        this.out = out;
    }

    public void write(String sender, Instant receivedAt, byte[] raw, boolean read, boolean answered, boolean flagged)
            throws IOException {
        String eol = lineEnding(raw);
        String envelope =
                sender.isBlank() || sender.chars().anyMatch(c -> c <= ' ' || c >= 127) ? "MAILER-DAEMON" : sender;
        StringBuilder head = new StringBuilder()
                .append("From ")
                .append(envelope)
                .append(' ')
                .append(ASCTIME.format(receivedAt))
                .append(eol)
                .append("Status: ")
                .append(read ? "RO" : "O")
                .append(eol);
        if (answered || flagged) {
            head.append("X-Status: ")
                    .append(answered ? "A" : "")
                    .append(flagged ? "F" : "")
                    .append(eol);
        }
        out.write(head.toString().getBytes(StandardCharsets.US_ASCII));
        int start = 0;
        while (start < raw.length) {
            int end = start;
            while (end < raw.length && raw[end] != '\n') {
                end++;
            }
            if (end < raw.length) {
                end++;
            }
            if (quotable(raw, start, end)) {
                out.write('>');
            }
            out.write(raw, start, end - start);
            start = end;
        }
        if (raw.length > 0 && raw[raw.length - 1] != '\n') {
            out.write(eol.getBytes(StandardCharsets.US_ASCII));
        }
        out.write(eol.getBytes(StandardCharsets.US_ASCII));
    }

    private static boolean quotable(byte[] raw, int start, int end) {
        int i = start;
        while (i < end && raw[i] == '>') {
            i++;
        }
        return end - i >= 5
                && raw[i] == 'F'
                && raw[i + 1] == 'r'
                && raw[i + 2] == 'o'
                && raw[i + 3] == 'm'
                && raw[i + 4] == ' ';
    }

    private static String lineEnding(byte[] raw) {
        for (int i = 0; i < raw.length; i++) {
            if (raw[i] == '\n') {
                return i > 0 && raw[i - 1] == '\r' ? "\r\n" : "\n";
            }
        }
        return "\n";
    }
}
