package org.atoll.demo;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/**
 * Writes the pieces of RFC 5322 / MIME messages as text with CRLF line ends: headers encoded with RFC 2047 (UTF-8,
 * B encoding) or RFC 2231 when they hold non-ASCII, folded under 78 columns; bodies in quoted-printable (RFC 2045
 * section 6.7) or base64. Written independently of Angus so that the demo also checks the parser.
 */
final class MimeText {

    static final String CRLF = "\r\n";
    private static final String SPECIALS = "()<>[]:;@\\,.\"";
    private static final DateTimeFormatter DATE =
            DateTimeFormatter.ofPattern("EEE, d MMM yyyy HH:mm:ss Z", Locale.ROOT);

    private MimeText() {}

    /** {@code Name: value} with an unstructured value (Subject), encoded and folded as needed. */
    static String unstructured(String name, String value) {
        if (isAscii(value)) {
            return fold(name + ": " + value) + CRLF;
        }
        return name + ": " + String.join(CRLF + " ", encodedWords(value)) + CRLF;
    }

    /** {@code Name: a, b} for address fields; the list is folded after each comma. */
    static String addresses(String name, List<String> mailboxes) {
        return name + ": " + String.join("," + CRLF + " ", mailboxes) + CRLF;
    }

    /** A mailbox with its display name as an atom sequence, a quoted string or encoded words. */
    static String mailbox(String displayName, String address) {
        if (displayName.isEmpty()) {
            return address;
        }
        String phrase;
        if (!isAscii(displayName)) {
            phrase = String.join(" ", encodedWords(displayName));
        } else if (displayName.chars().anyMatch(c -> SPECIALS.indexOf(c) >= 0)) {
            phrase = '"' + displayName.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
        } else {
            phrase = displayName;
        }
        return phrase + " <" + address + ">";
    }

    static String date(ZonedDateTime time) {
        return DATE.format(time);
    }

    /** {@code name="..."} for a file name, with an RFC 2231 {@code name*=} form added for non-ASCII names. */
    static String fileNameParameter(String parameter, String fileName) {
        if (isAscii(fileName)) {
            return parameter + "=\"" + fileName + "\"";
        }
        StringBuilder encoded = new StringBuilder();
        for (byte b : fileName.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xFF;
            if (Character.isLetterOrDigit(c) && c < 0x80 || c == '.' || c == '-' || c == '_') {
                encoded.append((char) c);
            } else {
                encoded.append('%').append(String.format(Locale.ROOT, "%02X", c));
            }
        }
        return parameter + "*=UTF-8''" + encoded;
    }

    /** RFC 2047 words ({@code =?UTF-8?B?...?=}) of at most 75 characters, never splitting a character. */
    static List<String> encodedWords(String text) {
        List<String> words = new ArrayList<>();
        ByteArrayOutputStream chunk = new ByteArrayOutputStream();
        for (int i = 0; i < text.length(); ) {
            int codePoint = text.codePointAt(i);
            byte[] bytes = Character.toString(codePoint).getBytes(StandardCharsets.UTF_8);
            if (chunk.size() + bytes.length > 45) {
                words.add(word(chunk.toByteArray()));
                chunk.reset();
            }
            chunk.writeBytes(bytes);
            i += Character.charCount(codePoint);
        }
        if (chunk.size() > 0) {
            words.add(word(chunk.toByteArray()));
        }
        return words;
    }

    /** UTF-8 text as quoted-printable, lines of at most 76 characters, line breaks as CRLF. */
    static String quotedPrintable(String text) {
        StringBuilder out = new StringBuilder(text.length() + text.length() / 8);
        String[] lines = text.replace("\r\n", "\n").split("\n", -1);
        for (int l = 0; l < lines.length; l++) {
            byte[] bytes = lines[l].getBytes(StandardCharsets.UTF_8);
            int column = 0;
            for (int i = 0; i < bytes.length; i++) {
                int c = bytes[i] & 0xFF;
                boolean last = i == bytes.length - 1;
                String encoded = (c >= 33 && c <= 126 && c != '=') || ((c == ' ' || c == '\t') && !last)
                        ? String.valueOf((char) c)
                        : String.format(Locale.ROOT, "=%02X", c);
                if (column + encoded.length() > 75) {
                    out.append('=').append(CRLF);
                    column = 0;
                }
                out.append(encoded);
                column += encoded.length();
            }
            if (l < lines.length - 1) {
                out.append(CRLF);
            }
        }
        return out.toString();
    }

    static String base64(byte[] bytes) {
        return Base64.getMimeEncoder(76, CRLF.getBytes(StandardCharsets.US_ASCII))
                .encodeToString(bytes);
    }

    static boolean isAscii(String text) {
        return text.chars().allMatch(c -> c >= 0x20 && c < 0x7F);
    }

    private static String word(byte[] bytes) {
        return "=?UTF-8?B?" + Base64.getEncoder().encodeToString(bytes) + "?=";
    }

    /** Folds an ASCII header line at spaces so lines stay under 78 characters where possible. */
    private static String fold(String line) {
        StringBuilder out = new StringBuilder();
        String rest = line;
        while (rest.length() > 76) {
            int space = rest.lastIndexOf(' ', 76);
            if (space <= 0 || rest.substring(0, space).endsWith(":")) {
                break;
            }
            out.append(rest, 0, space).append(CRLF);
            rest = rest.substring(space);
        }
        return out.append(rest).toString();
    }
}
