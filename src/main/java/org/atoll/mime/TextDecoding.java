package org.atoll.mime;

import jakarta.mail.internet.MimeUtility;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/** Bytes to text when the declared charset is missing, wrong or unknown. */
final class TextDecoding {

    /** What browsers use for "iso-8859-1" and for undeclared 8-bit text that is not UTF-8. */
    private static final Charset LEGACY = legacy();

    private TextDecoding() {}

    /** The charset for a MIME label, or null when the label is missing or unknown to the JDK. */
    static @Nullable Charset charset(@Nullable String label) {
        if (label == null) {
            return null;
        }
        String name = label.trim();
        if (name.length() > 1 && name.startsWith("\"") && name.endsWith("\"")) {
            name = name.substring(1, name.length() - 1).trim();
        }
        int language = name.indexOf('*');
        if (language >= 0) {
            name = name.substring(0, language);
        }
        if (name.isEmpty()) {
            return null;
        }
        Charset charset = lookup(name);
        if (charset == null) {
            charset = lookup(MimeUtility.javaCharset(name));
        }
        if (StandardCharsets.ISO_8859_1.equals(charset)) {
            return LEGACY;
        }
        return charset;
    }

    /**
     * Decodes with the declared charset; undeclared, unknown or US-ASCII labelled bytes are read as UTF-8 when they
     * are valid UTF-8 and as windows-1252 otherwise.
     */
    static String decode(byte[] bytes, int length, @Nullable String label) {
        Charset charset = charset(label);
        if (charset == null || StandardCharsets.US_ASCII.equals(charset)) {
            charset = isUtf8(bytes, length) ? StandardCharsets.UTF_8 : LEGACY;
        }
        return new String(bytes, 0, length, charset);
    }

    static String decode(byte[] bytes, @Nullable String label) {
        return decode(bytes, bytes.length, label);
    }

    /**
     * Re-reads a header value whose characters are the raw header bytes (as Angus and our scanner read them): as
     * UTF-8 when those bytes are valid UTF-8, else keeps them as ISO-8859-1.
     */
    static String rawHeader(String value) {
        boolean eightBit = false;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c > 0xFF) {
                return value;
            }
            eightBit |= c >= 0x80;
        }
        if (!eightBit) {
            return value;
        }
        byte[] bytes = value.getBytes(StandardCharsets.ISO_8859_1);
        return isUtf8(bytes, bytes.length) ? new String(bytes, StandardCharsets.UTF_8) : value;
    }

    static boolean isUtf8(byte[] bytes, int length) {
        try {
            StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, 0, length));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    /** Drops a multi-byte sequence cut by a read limit, so the cut does not decide the charset. */
    static int trimCutSequence(byte[] bytes, int length) {
        int end = length;
        while (end > 0 && length - end < 3 && (bytes[end - 1] & 0xC0) == 0x80) {
            end--;
        }
        if (end > 0 && (bytes[end - 1] & 0xC0) == 0xC0) {
            return end - 1;
        }
        return length;
    }

    private static @Nullable Charset lookup(@Nullable String name) {
        if (name == null) {
            return null;
        }
        try {
            return Charset.forName(name);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static Charset legacy() {
        Charset windows1252 = lookup("windows-1252");
        return windows1252 != null ? windows1252 : StandardCharsets.ISO_8859_1;
    }
}
