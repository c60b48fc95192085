package org.atoll.mime;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Lenient RFC 2047 decoding: encoded words are decoded also when glued to other text, adjacent words of one charset
 * are joined as bytes before decoding (senders split multi-byte characters across words), unknown charsets fall back
 * to UTF-8 or windows-1252, and a word that does not decode is kept as written.
 */
final class EncodedWords {

    private static final Pattern WORD = Pattern.compile("=\\?([^?\\s]{1,64})\\?([bBqQ])\\?([^?\\s]*)\\?=");

    private EncodedWords() {}

    static String decode(String text) {
        if (!text.contains("=?")) {
            return text;
        }
        Matcher matcher = WORD.matcher(text);
        StringBuilder out = new StringBuilder(text.length());
        ByteArrayOutputStream pending = new ByteArrayOutputStream();
        String pendingCharset = null;
        int last = 0;
        while (matcher.find()) {
            String between = text.substring(last, matcher.start());
            byte[] bytes = decodeWord(matcher.group(2), matcher.group(3));
            String charset = matcher.group(1);
            boolean joins = pendingCharset != null && between.isBlank();
            if (bytes == null) {
                pendingCharset = flush(out, pending, pendingCharset);
                out.append(between).append(matcher.group());
            } else {
                if (!joins || !charset.equalsIgnoreCase(pendingCharset)) {
                    pendingCharset = flush(out, pending, pendingCharset);
                    if (!joins) {
                        out.append(between);
                    }
                }
                pending.writeBytes(bytes);
                pendingCharset = charset;
            }
            last = matcher.end();
        }
        flush(out, pending, pendingCharset);
        out.append(text, last, text.length());
        return out.toString();
    }

    private static @Nullable String flush(StringBuilder out, ByteArrayOutputStream pending, @Nullable String charset) {
        if (charset != null) {
            out.append(TextDecoding.decode(pending.toByteArray(), charset));
            pending.reset();
        }
        return null;
    }

    private static byte @Nullable [] decodeWord(String encoding, String encoded) {
        if (encoding.equalsIgnoreCase("B")) {
            try {
                return Base64.getDecoder().decode(encoded);
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(encoded.length());
        for (int i = 0; i < encoded.length(); i++) {
            char c = encoded.charAt(i);
            if (c == '_') {
                out.write(' ');
            } else if (c == '='
                    && i + 2 < encoded.length()
                    && hex(encoded.charAt(i + 1)) >= 0
                    && hex(encoded.charAt(i + 2)) >= 0) {
                out.write(hex(encoded.charAt(i + 1)) * 16 + hex(encoded.charAt(i + 2)));
                i += 2;
            } else {
                out.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
            }
        }
        return out.toByteArray();
    }

    private static int hex(char c) {
        return Character.digit(c, 16);
    }
}
