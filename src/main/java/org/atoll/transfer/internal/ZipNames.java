package org.atoll.transfer.internal;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * Folder names as path segments of a ZIP entry and back: {@code %}, slashes, backslashes, colons, control
 * characters and a leading dot are percent-encoded (UTF-8), so no name becomes {@code ..} or a path of its own when
 * the archive is unpacked, and every name comes back as it was.
 */
public final class ZipNames {

    private ZipNames() {}

    public static String encode(String name) {
        StringBuilder out = new StringBuilder();
        byte[] bytes = name.getBytes(StandardCharsets.UTF_8);
        String text = name;
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            boolean escape =
                    c == '%' || c == '/' || c == '\\' || c == ':' || c < 0x20 || c == 0x7f || (i == 0 && c == '.');
            if (escape) {
                for (byte b : new String(Character.toChars(c)).getBytes(StandardCharsets.UTF_8)) {
                    out.append('%').append(String.format("%02X", b & 0xff));
                }
            } else {
                out.appendCodePoint(c);
            }
            i += Character.charCount(c);
        }
        return bytes.length == 0 ? "%00" : out.toString();
    }

    public static String decode(String segment) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] bytes = segment.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == '%' && i + 2 < bytes.length + 0 && hex(bytes[i + 1]) >= 0 && hex(bytes[i + 2]) >= 0) {
                out.write(hex(bytes[i + 1]) * 16 + hex(bytes[i + 2]));
                i += 2;
            } else {
                out.write(bytes[i]);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /** The folder path an entry's directory names, without empty segments. */
    public static List<String> path(String directory) {
        return Arrays.stream(directory.split("/"))
                .filter(s -> !s.isEmpty())
                .map(ZipNames::decode)
                .toList();
    }

    private static int hex(byte b) {
        if (b >= '0' && b <= '9') {
            return b - '0';
        }
        if (b >= 'A' && b <= 'F') {
            return b - 'A' + 10;
        }
        if (b >= 'a' && b <= 'f') {
            return b - 'a' + 10;
        }
        return -1;
    }
}
