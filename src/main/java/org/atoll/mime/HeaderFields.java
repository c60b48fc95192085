package org.atoll.mime;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The header section of a message (RFC 5322 section 2.2): the bytes before the first empty line, unfolded, each
 * value cut to a limit and its 8-bit bytes read as UTF-8 or ISO-8859-1. RFC 2047 words are left to the caller.
 */
final class HeaderFields {

    private final Map<String, List<String>> values;
    private final boolean wellFormed;

    private HeaderFields(Map<String, List<String>> values, boolean wellFormed) {
        this.values = values;
        this.wellFormed = wellFormed;
    }

    /**
     * Scans the header section. It is well formed when it has at least one field and every line is a field
     * ({@code name: value}) or the continuation of one.
     */
    static HeaderFields scan(byte[] raw, int maxValueChars) {
        Map<String, List<String>> values = new HashMap<>();
        boolean wellFormed = true;
        boolean any = false;
        StringBuilder current = null;
        String currentName = null;
        int pos = 0;
        while (pos < raw.length) {
            int end = pos;
            while (end < raw.length && raw[end] != '\n') {
                end++;
            }
            int lineEnd = end > pos && raw[end - 1] == '\r' ? end - 1 : end;
            if (lineEnd == pos) {
                break;
            }
            if (raw[pos] == ' ' || raw[pos] == '\t') {
                if (current == null) {
                    wellFormed = false;
                } else {
                    append(current, raw, pos, lineEnd, maxValueChars);
                }
            } else {
                store(values, currentName, current);
                current = null;
                currentName = null;
                int colon = indexOf(raw, (byte) ':', pos, lineEnd);
                String name = colon < 0 ? null : fieldName(raw, pos, colon);
                if (name == null) {
                    wellFormed = false;
                } else {
                    any = true;
                    currentName = name;
                    current = new StringBuilder();
                    append(current, raw, colon + 1, lineEnd, maxValueChars);
                }
            }
            pos = end + 1;
        }
        store(values, currentName, current);
        return new HeaderFields(values, wellFormed && any);
    }

    boolean wellFormed() {
        return wellFormed;
    }

    /** The first value of the field, unfolded and trimmed, or null. */
    @Nullable
    String first(String name) {
        List<String> all = values.get(name.toLowerCase(Locale.ROOT));
        return all == null ? null : all.getFirst();
    }

    /** All values of the field in order. */
    List<String> all(String name) {
        return values.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
    }

    private static void store(Map<String, List<String>> values, @Nullable String name, @Nullable StringBuilder value) {
        if (name != null && value != null) {
            values.computeIfAbsent(name, n -> new ArrayList<>(1))
                    .add(TextDecoding.rawHeader(value.toString().strip()));
        }
    }

    private static void append(StringBuilder value, byte[] raw, int from, int to, int maxValueChars) {
        for (int i = from; i < to && value.length() < maxValueChars; i++) {
            char c = (char) (raw[i] & 0xFF);
            value.append(c == '\t' || c == '\r' ? ' ' : c);
        }
    }

    /** The lower-case field name, or null when it is not printable ASCII without space (RFC 5322 ftext). */
    private static @Nullable String fieldName(byte[] raw, int from, int colon) {
        int to = colon;
        while (to > from && (raw[to - 1] == ' ' || raw[to - 1] == '\t')) {
            to--;
        }
        if (to == from) {
            return null;
        }
        StringBuilder name = new StringBuilder(to - from);
        for (int i = from; i < to; i++) {
            int b = raw[i] & 0xFF;
            if (b < 33 || b > 126) {
                return null;
            }
            name.append(Character.toLowerCase((char) b));
        }
        return name.toString();
    }

    private static int indexOf(byte[] raw, byte wanted, int from, int to) {
        for (int i = from; i < to; i++) {
            if (raw[i] == wanted) {
                return i;
            }
        }
        return -1;
    }
}
