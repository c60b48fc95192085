package org.atoll.transfer.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Locale;
import org.atoll.transfer.MboxFormat;
import org.jspecify.annotations.Nullable;

/**
 * Reads an mbox stream message by message in bounded memory. A message starts at a {@code From } line at the
 * start of the stream or after an empty line; the empty line before it belongs to the separator. Quoted
 * {@code >From } lines are unquoted as the format says. The flags mail programs keep in the header ({@code Status}
 * R, {@code X-Status} A and F, Thunderbird's {@code X-Mozilla-Status} bits 1, 2 and 4) are read and the lines
 * removed, so a message stored from an mbox this server wrote has its original bytes.
 *
 * <p>Limits: a message above {@code maxMessageBytes} is reported to the sink as failed and not kept; no line or
 * message is buffered beyond that.
 */
final class MboxReader {

    private static final byte[] FROM = "From ".getBytes(StandardCharsets.US_ASCII);
    private static final DateTimeFormatter ASCTIME = DateTimeFormatter.ofPattern("EEE MMM d HH:mm:ss yyyy", Locale.US);

    private final InputStream in;
    private final MboxFormat format;
    private final int maxMessageBytes;
    private final byte[] buffer = new byte[64 * 1024];
    private int position;
    private int limit;

    private byte[] line = new byte[256];
    private int lineLength;
    private boolean lineOverflow;

    public MboxReader(InputStream in, MboxFormat format, int maxMessageBytes) {
        this.in = in;
        this.format = format;
        this.maxMessageBytes = maxMessageBytes;
    }

    /** Counts the messages of an mbox stream the way {@link #read} separates them, reading it once. */
    public static long count(InputStream in) {
        MboxReader reader = new MboxReader(in, MboxFormat.MBOXRD, 0);
        long count = 0;
        boolean previousBlank = true;
        boolean content = false;
        while (reader.nextLine()) {
            if (previousBlank && reader.startsWith(FROM, 0)) {
                count++;
                content = false;
            } else if (count == 0 && !reader.blank()) {
                content = true;
            }
            previousBlank = reader.blank();
        }
        return count + (content ? 1 : 0);
    }

    /** Reads every message into the sink until the stream ends or the sink says stop. */
    public void read(MessageSink sink) {
        Message message = null;
        boolean previousBlank = true;
        while (nextLine()) {
            boolean blank = blank();
            if (previousBlank && startsWith(FROM, 0)) {
                if (message != null && !message.finish(sink)) {
                    return;
                }
                message = new Message(fromLineDate());
                previousBlank = false;
                continue;
            }
            previousBlank = blank;
            if (message == null) {
                if (blank) {
                    continue;
                }
                message = new Message(null);
            }
            message.line(blank);
        }
        if (message != null) {
            message.finish(sink);
        }
    }

    /** One message while it is read. */
    private final class Message {
        private final @Nullable Instant receivedAt;
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private byte @Nullable [] pendingBlank;
        private boolean header = true;
        private boolean oversize;
        private long size;
        private boolean seen;
        private boolean flagged;
        private boolean answered;

        Message(@Nullable Instant receivedAt) {
            this.receivedAt = receivedAt;
        }

        void line(boolean blank) {
            if (blank) {
                header = false;
                if (pendingBlank != null) {
                    write(pendingBlank, 0, pendingBlank.length);
                }
                pendingBlank = Arrays.copyOf(line, lineLength);
                return;
            }
            if (pendingBlank != null) {
                write(pendingBlank, 0, pendingBlank.length);
                pendingBlank = null;
            }
            if (header && flagHeader()) {
                return;
            }
            int skip = quoted() ? 1 : 0;
            if (lineOverflow) {
                oversize = true;
                size += lineLength;
                return;
            }
            write(line, skip, lineLength - skip);
        }

        private void write(byte[] data, int offset, int length) {
            size += length;
            if (oversize || bytes.size() + length > maxMessageBytes) {
                oversize = true;
                bytes.reset();
                return;
            }
            bytes.write(data, offset, length);
        }

        private boolean flagHeader() {
            String text = lineText();
            int colon = text.indexOf(':');
            if (colon < 0) {
                return false;
            }
            String name = text.substring(0, colon).strip().toLowerCase(Locale.ROOT);
            String value = text.substring(colon + 1).strip();
            switch (name) {
                case "status" -> seen |= value.indexOf('R') >= 0;
                case "x-status" -> {
                    answered |= value.indexOf('A') >= 0;
                    flagged |= value.indexOf('F') >= 0;
                }
                case "x-mozilla-status" -> {
                    try {
                        int bits = Integer.parseInt(value, 16);
                        seen |= (bits & 0x1) != 0;
                        answered |= (bits & 0x2) != 0;
                        flagged |= (bits & 0x4) != 0;
                    } catch (NumberFormatException e) {
                        return false;
                    }
                }
                default -> {
                    return false;
                }
            }
            return true;
        }

        /** @return false when the sink says stop */
        boolean finish(MessageSink sink) {
            if (oversize) {
                sink.failed("a message of " + size + " bytes is larger than " + maxMessageBytes, size);
                return true;
            }
            if (bytes.size() == 0) {
                sink.failed("an empty message", 0);
                return true;
            }
            return sink.accept(new SourceMessage(bytes.toByteArray(), receivedAt, seen, flagged, answered));
        }
    }

    private boolean quoted() {
        int gt = 0;
        while (gt < lineLength && line[gt] == '>') {
            gt++;
        }
        if (gt == 0 || !startsWith(FROM, gt)) {
            return false;
        }
        return format == MboxFormat.MBOXRD || gt == 1;
    }

    private @Nullable Instant fromLineDate() {
        String[] fields = lineText().strip().split("\\s+");
        if (fields.length < 7) {
            return null;
        }
        String date = String.join(" ", Arrays.copyOfRange(fields, 2, 7));
        try {
            return LocalDateTime.parse(date, ASCTIME).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private String lineText() {
        return new String(line, 0, Math.min(lineLength, 1000), StandardCharsets.ISO_8859_1);
    }

    private boolean blank() {
        return !lineOverflow
                && (lineLength == 1 && line[0] == '\n' || lineLength == 2 && line[0] == '\r' && line[1] == '\n');
    }

    private boolean startsWith(byte[] prefix, int offset) {
        if (lineLength < offset + prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (line[offset + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    /**
     * Reads the next line with its line ending into {@link #line}; a line longer than the message limit keeps only
     * its start and sets {@link #lineOverflow}.
     *
     * @return false at the end of the stream
     */
    private boolean nextLine() {
        lineLength = 0;
        lineOverflow = false;
        boolean any = false;
        int keep = Math.max(maxMessageBytes, 1024);
        while (true) {
            if (position == limit && !fill()) {
                return any;
            }
            any = true;
            byte b = buffer[position++];
            if (lineLength < keep) {
                if (lineLength == line.length) {
                    line = Arrays.copyOf(line, Math.min(keep, line.length * 2));
                }
                line[lineLength++] = b;
            } else {
                lineOverflow = true;
            }
            if (b == '\n') {
                return true;
            }
        }
    }

    private boolean fill() {
        try {
            int read = in.read(buffer);
            if (read <= 0) {
                return false;
            }
            position = 0;
            limit = read;
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
