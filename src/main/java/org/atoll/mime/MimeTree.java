package org.atoll.mime;

import jakarta.activation.DataSource;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.InternetHeaders;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.MimePart;
import jakarta.mail.internet.ParameterList;
import jakarta.mail.util.LineInputStream;
import jakarta.mail.util.SharedByteArrayInputStream;
import jakarta.mail.util.StreamProvider;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import org.jspecify.annotations.Nullable;

/**
 * The part tree of a message read through Angus Mail, numbered like IMAP sections (RFC 3501 section 6.4.5): the body
 * of a single-part message is "1", the children of a multipart are "n", "n.m" below a nested multipart.
 *
 * <p>The message shares the caller's byte array (no copy). Angus reads header bytes as ISO-8859-1 and leaves RFC
 * 2047 words to us; {@link TextDecoding#rawHeader} and {@link EncodedWords} decode them, so no global system
 * property is needed. The session properties below record the intent for the parts of Angus that read them.
 */
final class MimeTree {

    private static final Session SESSION = Session.getInstance(sessionProperties());

    /**
     * Angus's streams, looked up once: Jakarta Mail's {@code InternetHeaders.load} and {@code MimeUtility.decode} ask
     * {@code ServiceLoader} for them on every call, which scans the class path each time and cost more than the rest
     * of parsing a small message. A multipart still looks them up once when it is created.
     */
    private static final StreamProvider STREAMS = SESSION.getStreamProvider();

    /** One leaf of the tree. */
    record Node(
            String path,
            MimePart part,
            String mediaType,
            HeaderParams contentType,
            HeaderParams disposition,
            @Nullable String fileName,
            @Nullable String contentId) {

        boolean attachmentLike() {
            return "attachment".equals(disposition.value()) || fileName != null;
        }

        boolean isBody(String type) {
            return mediaType.equals(type) && !attachmentLike();
        }
    }

    /** The most a calendar part may hold to be read as an invitation; a larger one stays an attachment. */
    static final int MAX_CALENDAR_BYTES = 1 << 20;

    /**
     * The part that carries a message's iMIP content (RFC 6047 section 2.4): the first {@code text/calendar} body,
     * or else the first calendar part, attached, whose Content-Type names an iTIP method.
     */
    static Optional<Node> calendarPart(List<Node> leaves) {
        Node attached = null;
        for (Node node : leaves) {
            if (node.isBody("text/calendar")) {
                return Optional.of(node);
            }
            boolean calendar =
                    node.mediaType().equals("text/calendar") || node.mediaType().equals("application/ics");
            if (attached == null && calendar && node.contentType().get("method") != null) {
                attached = node;
            }
        }
        return Optional.ofNullable(attached);
    }

    /** The text of a calendar part, or empty when it is larger than {@link #MAX_CALENDAR_BYTES} or unreadable. */
    static Optional<String> calendarText(Node node) {
        Content content = read(node.part(), MAX_CALENDAR_BYTES);
        if (content.truncated() || content.failed()) {
            return Optional.empty();
        }
        return Optional.of(TextDecoding.decode(
                content.bytes(), content.length(), node.contentType().get("charset")));
    }

    /** The leaves in part order, and whether the whole tree was read. */
    record Walk(List<Node> leaves, boolean complete) {}

    /** The most {@link #read} can return: a whole part, as far as one array holds it. */
    static final int WHOLE = Integer.MAX_VALUE - 8;

    /** Decoded bytes of a part, at most the requested length, and whether reading failed midway. */
    record Content(byte[] bytes, int length, boolean truncated, boolean failed) {

        /**
         * What {@link #read} with the smaller limit {@code max} returns for the same part, taken from this whole
         * read instead of reading the part again: cut at {@code max} and truncated when there was more; failed
         * when the failure came no later than the byte after {@code max}.
         */
        Content head(int max) {
            if (length > max) {
                return new Content(bytes, max, true, false);
            }
            return new Content(bytes, length, false, failed);
        }
    }

    private MimeTree() {}

    static MimeMessage open(byte[] raw) throws MessagingException {
        return new CachedStreamsMessage(new SharedByteArrayInputStream(raw));
    }

    static MimeMessage open(InputStream in) throws MessagingException {
        return new CachedStreamsMessage(in);
    }

    /** A header section read from the stream, up to and with the empty line that ends it. */
    static InternetHeaders headers(InputStream in) throws MessagingException {
        return new Headers(in);
    }

    /** A message whose header sections are read through {@link #STREAMS}. */
    private static final class CachedStreamsMessage extends MimeMessage {

        CachedStreamsMessage(InputStream in) throws MessagingException {
            super(SESSION, in);
        }

        @Override
        protected InternetHeaders createInternetHeaders(InputStream in) throws MessagingException {
            return new Headers(in);
        }
    }

    /** A multipart whose parts' header sections are read through {@link #STREAMS}. */
    private static final class CachedStreamsMultipart extends MimeMultipart {

        CachedStreamsMultipart(DataSource source) throws MessagingException {
            super(source);
        }

        @Override
        protected InternetHeaders createInternetHeaders(InputStream in) throws MessagingException {
            return new Headers(in);
        }
    }

    /**
     * A header section read exactly as {@link InternetHeaders#load(InputStream, boolean)} reads it (with
     * {@code mail.mime.allowutf8} and {@code mail.mime.ignorewhitespacelines} off, as here): folded lines joined with
     * CR LF, a continuation line before any field kept trimmed, the section ended by an empty line.
     */
    private static final class Headers extends InternetHeaders {

        Headers(InputStream in) throws MessagingException {
            super(in, false);
        }

        @Override
        public void load(InputStream in, boolean allowUtf8) throws MessagingException {
            LineInputStream lines = STREAMS.inputLineStream(in, allowUtf8);
            String previous = null;
            StringBuilder folded = new StringBuilder();
            boolean first = true;
            try {
                String line;
                do {
                    line = lines.readLine();
                    if (line != null && (line.startsWith(" ") || line.startsWith("\t"))) {
                        if (previous != null) {
                            folded.append(previous);
                            previous = null;
                        }
                        if (first) {
                            String trimmed = line.trim();
                            if (!trimmed.isEmpty()) {
                                folded.append(trimmed);
                            }
                        } else {
                            if (!folded.isEmpty()) {
                                folded.append("\r\n");
                            }
                            folded.append(line);
                        }
                    } else {
                        if (previous != null) {
                            addHeaderLine(previous);
                        } else if (!folded.isEmpty()) {
                            addHeaderLine(folded.toString());
                            folded.setLength(0);
                        }
                        previous = line;
                    }
                    first = false;
                } while (line != null && !line.isEmpty());
            } catch (IOException e) {
                throw new MessagingException("Error in input stream", e);
            }
        }
    }

    static Walk walk(MimeMessage message, MimeLimits limits) {
        List<Node> leaves = new ArrayList<>();
        boolean complete = visit(leaves, new int[1], message, "", 0, limits);
        return new Walk(leaves, complete);
    }

    /**
     * The children of a multipart part, at most {@link MimeLimits#maxParts} of them, or null when the part is not a
     * multipart or does not parse.
     */
    static @Nullable MimeMultipart children(MimePart part, MimeLimits limits) {
        HeaderParams type = HeaderParams.parse(header(part, "Content-Type"));
        if (!type.mediaType().startsWith("multipart/")) {
            return null;
        }
        try {
            MimeMultipart multipart = multipart(part, type, limits.maxParts());
            multipart.getCount();
            return multipart;
        } catch (MessagingException | RuntimeException e) {
            return null;
        }
    }

    private static boolean visit(
            List<Node> leaves, int[] visited, MimePart part, String path, int depth, MimeLimits limits) {
        if (visited[0] >= limits.maxParts()) {
            return false;
        }
        visited[0]++;
        HeaderParams type = HeaderParams.parse(header(part, "Content-Type"));
        String mediaType = type.mediaType();
        if (!mediaType.startsWith("multipart/")) {
            leaves.add(node(part, path.isEmpty() ? "1" : path, mediaType, type));
            return true;
        }
        if (depth >= limits.maxDepth()) {
            return false;
        }
        try {
            MimeMultipart multipart = multipart(part, type, limits.maxParts() - visited[0]);
            int count = multipart.getCount();
            boolean complete = multipart.isComplete() && count > 0;
            for (int i = 0; i < count; i++) {
                String childPath = path.isEmpty() ? Integer.toString(i + 1) : path + "." + (i + 1);
                complete &= visit(leaves, visited, (MimePart) multipart.getBodyPart(i), childPath, depth + 1, limits);
            }
            return complete;
        } catch (MessagingException | RuntimeException e) {
            return false;
        }
    }

    /**
     * Angus parses all children of a multipart at once, a few hundred bytes of objects per child however small. When
     * the content holds more than {@code budget} parts, Angus gets it only up to the delimiter after the
     * budget, so a message of a million empty parts costs no more than the budget. Without a boundary parameter Angus
     * takes the first line starting with "--" as the delimiter, so every such line counts.
     */
    private static MimeMultipart multipart(MimePart part, HeaderParams type, int budget) throws MessagingException {
        String boundary = type.get("boundary");
        byte[] delimiter = ("--" + (boundary == null ? "" : boundary)).getBytes(StandardCharsets.ISO_8859_1);
        int cutAt = -1;
        try (InputStream in = decoded(part)) {
            // n parts have n + 1 delimiter lines, the last one closing.
            if (Delimiters.count(in, delimiter, budget + 2) > budget + 1) {
                cutAt = budget + 1;
            }
        } catch (IOException e) {
            cutAt = -1;
        }
        return new CachedStreamsMultipart(new PartSource(part, type, delimiter, cutAt));
    }

    private static Node node(MimePart part, String path, String mediaType, HeaderParams type) {
        HeaderParams disposition = HeaderParams.parse(header(part, "Content-Disposition"));
        String fileName = disposition.get("filename");
        if (fileName == null || fileName.isBlank()) {
            fileName = type.get("name");
        }
        return new Node(
                path,
                part,
                mediaType,
                type,
                disposition,
                fileName(fileName),
                angleStripped(header(part, "Content-ID")));
    }

    /** The decoded (transfer-encoding removed) content; an unknown transfer encoding is read as is. */
    static InputStream decoded(MimePart part) throws MessagingException {
        InputStream raw =
                part instanceof MimeBodyPart body ? body.getRawInputStream() : ((MimeMessage) part).getRawInputStream();
        String encoding = header(part, "Content-Transfer-Encoding");
        encoding = encoding == null ? "" : encoding.strip().toLowerCase(Locale.ROOT);
        return switch (encoding) {
            case "base64" -> STREAMS.inputBase64(raw);
            case "quoted-printable" -> STREAMS.inputQP(raw);
            case "uuencode", "x-uuencode", "x-uue" -> STREAMS.inputUU(raw);
            default -> raw;
        };
    }

    /**
     * Reads up to {@code max} decoded bytes into one array sized by what the stream says it holds, so a body is not
     * copied again and again as it grows; a decoding error keeps what was read before it.
     */
    static Content read(MimePart part, int max) {
        byte[] bytes = new byte[0];
        int length = 0;
        try (InputStream in = decoded(part)) {
            bytes = new byte[Math.min(max, Math.max(8192, in.available()))];
            while (length < max) {
                if (length == bytes.length) {
                    bytes = Arrays.copyOf(bytes, (int) Math.min(max, 2L * bytes.length));
                }
                int n = in.read(bytes, length, bytes.length - length);
                if (n <= 0) {
                    break;
                }
                length += n;
            }
            boolean truncated = length >= max && in.read() >= 0;
            return new Content(bytes, length, truncated, false);
        } catch (IOException | MessagingException | RuntimeException e) {
            return new Content(bytes, length, false, true);
        }
    }

    /** The decoded size, counted while streaming; -1 when decoding failed midway. */
    static long decodedSize(MimePart part) {
        byte[] buffer = new byte[8192];
        long size = 0;
        try (InputStream in = decoded(part)) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                size += n;
            }
            return size;
        } catch (IOException | MessagingException | RuntimeException e) {
            return -1 - size;
        }
    }

    static @Nullable String header(MimePart part, String name) {
        try {
            String value = part.getHeader(name, null);
            return value == null ? null : value.replace("\r", "").replace("\n", "");
        } catch (MessagingException | RuntimeException e) {
            return null;
        }
    }

    static @Nullable String angleStripped(@Nullable String id) {
        if (id == null) {
            return null;
        }
        String text = id.strip();
        int open = text.indexOf('<');
        int close = open < 0 ? -1 : text.indexOf('>', open);
        if (close > open) {
            text = text.substring(open + 1, close).strip();
        }
        return text.isEmpty() ? null : text;
    }

    private static @Nullable String fileName(@Nullable String value) {
        if (value == null) {
            return null;
        }
        String name = EncodedWords.decode(TextDecoding.rawHeader(value)).replaceAll("\\p{Cntrl}", "");
        name = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1)
                .strip();
        return name.isEmpty() ? null : name;
    }

    private static Properties sessionProperties() {
        Properties properties = new Properties();
        properties.setProperty("mail.mime.address.strict", "false");
        properties.setProperty("mail.mime.allowutf8", "false");
        properties.setProperty("mail.mime.decodetext.strict", "false");
        properties.setProperty("mail.mime.decodefilename", "true");
        properties.setProperty("mail.mime.decodeparameters", "true");
        properties.setProperty("mail.mime.parameters.strict", "false");
        properties.setProperty("mail.mime.multipart.ignoremissingendboundary", "true");
        properties.setProperty("mail.mime.multipart.ignoremissingboundaryparameter", "true");
        properties.setProperty("mail.mime.base64.ignoreerrors", "true");
        return properties;
    }

    /** Hands a multipart's decoded content to Angus with a Content-Type it can parse. */
    private record PartSource(MimePart part, HeaderParams type, byte[] delimiter, int cutAt) implements DataSource {

        @Override
        public InputStream getInputStream() throws IOException {
            InputStream in;
            try {
                in = decoded(part);
            } catch (MessagingException e) {
                throw new IOException(e);
            }
            if (cutAt < 0) {
                return in;
            }
            try (in) {
                byte[] content = in.readAllBytes();
                return new ByteArrayInputStream(content, 0, Delimiters.offsetOf(content, delimiter, cutAt));
            }
        }

        @Override
        public OutputStream getOutputStream() throws IOException {
            throw new IOException("read only");
        }

        @Override
        public String getContentType() {
            String[] media = type.mediaType().split("/", 2);
            ParameterList parameters = new ParameterList();
            String boundary = type.get("boundary");
            if (boundary != null && !boundary.isEmpty()) {
                parameters.set("boundary", boundary);
            }
            return new ContentType(media[0], media[1], parameters).toString();
        }

        @Override
        public String getName() {
            return "";
        }
    }
}
