package org.atoll.mime;

import java.io.IOException;
import java.io.InputStream;

/** Finds lines that start with a multipart delimiter ("--" boundary, RFC 2046 section 5.1.1) without parsing. */
final class Delimiters {

    private Delimiters() {}

    /** Lines of {@code in} starting with {@code delimiter}, counting stops at {@code stopAt}. */
    static int count(InputStream in, byte[] delimiter, int stopAt) throws IOException {
        byte[] buffer = new byte[8192];
        int count = 0;
        int matched = 0;
        int n;
        while (count < stopAt && (n = in.read(buffer)) > 0) {
            for (int i = 0; i < n && count < stopAt; i++) {
                byte b = buffer[i];
                if (matched >= 0 && b == delimiter[matched]) {
                    matched++;
                    if (matched == delimiter.length) {
                        count++;
                        matched = -1;
                    }
                } else {
                    matched = b == '\n' ? 0 : -1;
                }
            }
        }
        return count;
    }

    /** Offset of the start of the {@code nth} (1-based) line starting with {@code delimiter}, or the length. */
    static int offsetOf(byte[] content, byte[] delimiter, int nth) {
        int seen = 0;
        for (int start = 0; start < content.length; ) {
            if (startsWith(content, start, delimiter) && ++seen == nth) {
                return start;
            }
            int newline = start;
            while (newline < content.length && content[newline] != '\n') {
                newline++;
            }
            start = newline + 1;
        }
        return content.length;
    }

    private static boolean startsWith(byte[] content, int offset, byte[] prefix) {
        if (content.length - offset < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (content[offset + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}
