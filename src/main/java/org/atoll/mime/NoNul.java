package org.atoll.mime;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Text taken from a message never carries U+0000: PostgreSQL text cannot store it, and a WBXML inline string ends
 * at it (WBXML 1.3 section 5.8.4.1). A raw message may still hold zero bytes, as an encoded word, a
 * quoted-printable {@code =00} or a bare byte; each becomes U+FFFD, the replacement character.
 */
public final class NoNul {

    private static final char NUL = '\0';
    private static final char REPLACEMENT = '\uFFFD';

    private NoNul() {}

    public static String of(String text) {
        return text.indexOf(NUL) < 0 ? text : text.replace(NUL, REPLACEMENT);
    }

    public static @Nullable String ofNullable(@Nullable String text) {
        return text == null ? null : of(text);
    }

    static List<String> of(List<String> texts) {
        return texts.stream().map(NoNul::of).toList();
    }
}
