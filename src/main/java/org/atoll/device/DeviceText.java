package org.atoll.device;

import org.jspecify.annotations.Nullable;

/**
 * What a device reports of itself (User-Agent, DeviceInformation) as stored and shown: control characters (C0, DEL,
 * C1) and the Unicode bidirectional embedding, override and isolate controls are dropped, so a value cannot break a
 * log line, a CSV export or a terminal, or display as something it is not; a run of tabs and line breaks becomes one space.
 * The result is stripped, cut to the column's length on a character boundary, and null when nothing is left.
 */
final class DeviceText {

    private DeviceText() {}

    static @Nullable String clean(@Nullable String value, int max) {
        if (value == null) {
            return null;
        }
        StringBuilder clean = new StringBuilder(Math.min(value.length(), max + 1));
        value.codePoints().forEach(c -> {
            if (c == '\t' || c == '\n' || c == '\r') {
                if (!clean.isEmpty() && clean.charAt(clean.length() - 1) != ' ') {
                    clean.append(' ');
                }
            } else if (!Character.isISOControl(c) && !bidiControl(c)) {
                clean.appendCodePoint(c);
            }
        });
        String text = clean.toString().strip();
        if (text.length() > max) {
            int end = Character.isHighSurrogate(text.charAt(max - 1)) ? max - 1 : max;
            text = text.substring(0, end).strip();
        }
        return text.isEmpty() ? null : text;
    }

    private static boolean bidiControl(int c) {
        return (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069);
    }
}
