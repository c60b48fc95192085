package org.atoll.wbxml;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Values of the ActiveSync data types (MS-ASDTYPE) and the plain-text AirSyncBase body, as the codecs of the item
 * classes (contacts, tasks) write and read them.
 */
public final class EasValues {

    /** The protocol versions this codec writes and reads, as MS-ASHTTP 2.2.1.1.1.1 numbers them. */
    public static final Set<Integer> VERSIONS = Set.of(121, 140, 141, 160, 161);

    /** MS-ASDTYPE 2.3 dateTime as ActiveSync writes it. */
    private static final DateTimeFormatter DATE_TIME =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    /** Plain text (MS-ASAIRS 2.2.2.22.1). */
    private static final String PLAIN = "1";

    private static final String HTML = "2";

    private EasValues() {}

    public static void checkVersion(int protocolVersion) {
        if (!VERSIONS.contains(protocolVersion)) {
            throw new IllegalArgumentException("no ActiveSync version " + protocolVersion + " here");
        }
    }

    public static String dateTime(Instant instant) {
        return DATE_TIME.format(instant);
    }

    /**
     * A dateTime: {@code YYYY-MM-DDTHH:MM:SS.MSSZ} (MS-ASDTYPE 2.3), the fraction optional.
     *
     * @throws DateTimeParseException for any other form
     */
    public static Instant parseDateTime(String text) {
        if (text.length() < 20 || text.charAt(10) != 'T' || !text.endsWith("Z")) {
            throw new DateTimeParseException("not an ActiveSync dateTime", text, 0);
        }
        return Instant.parse(text);
    }

    /**
     * A text as an AirSyncBase Body of plain text (MS-ASAIRS 2.2.2.9). A {@code truncationSize} of 0 asks for
     * no text at all, and the body is marked truncated whatever its size, as Exchange does.
     */
    public static WbxmlElement body(@Nullable String text, @Nullable Long truncationSize) {
        String data = text == null ? "" : text;
        int size = data.getBytes(StandardCharsets.UTF_8).length;
        WbxmlElement body = WbxmlElement.of(CodePage.AIRSYNCBASE, "Body")
                .add("Type", PLAIN)
                .add("EstimatedDataSize", Integer.toString(size));
        if (truncationSize != null && (truncationSize == 0 || size > truncationSize)) {
            body.add("Truncated", "1");
            String kept = truncate(data, truncationSize);
            if (!kept.isEmpty()) {
                body.add("Data", kept);
            }
        } else if (!data.isEmpty()) {
            body.add("Data", data);
        }
        return body;
    }

    /**
     * The text of a client's AirSyncBase Body: plain text as sent, HTML reduced to its text.
     *
     * @throws IllegalArgumentException for a body without a Type, or of a type other than plain text and HTML
     */
    public static @Nullable String bodyText(WbxmlElement body) {
        String type = body.text("Type").orElseThrow(() -> new IllegalArgumentException("Body has no Type"));
        String data = body.text("Data").orElse(null);
        if (PLAIN.equals(type)) {
            return data;
        }
        if (HTML.equals(type)) {
            return data == null ? null : blankToNull(htmlText(data));
        }
        throw new IllegalArgumentException("Body of Type " + type + " is neither plain text nor HTML");
    }

    /** The longest prefix of {@code text} whose UTF-8 form fits in {@code limit} bytes, cut between characters. */
    public static String truncate(String text, long limit) {
        long bytes = 0;
        int end = 0;
        while (end < text.length()) {
            int codePoint = text.codePointAt(end);
            int size = codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4;
            if (bytes + size > limit) {
                break;
            }
            bytes += size;
            end += Character.charCount(codePoint);
        }
        return text.substring(0, end);
    }

    /** HTML as text: line breaks for {@code <br>} and block ends, no tags, the five XML entities and nbsp decoded. */
    public static String htmlText(String html) {
        String text = html.replaceAll("(?i)<br\\s*/?>|</(p|div|li|tr|h[1-6])\\s*>", "\n")
                .replaceAll("<[^>]*>", "")
                .replace("&nbsp;", " ")
                .replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&quot;", "\"")
                .replace("&#39;", "'")
                .replace("&amp;", "&");
        return text.strip();
    }

    public static @Nullable String blankToNull(@Nullable String value) {
        return value == null || value.isEmpty() ? null : value;
    }

    /** "0" or "1" (MS-ASDTYPE 2.1 boolean). */
    public static boolean parseBoolean(String text) {
        return switch (text) {
            case "0" -> false;
            case "1" -> true;
            default -> throw new IllegalArgumentException("not a boolean: " + text);
        };
    }
}
