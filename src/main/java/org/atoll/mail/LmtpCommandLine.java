package org.atoll.mail;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The syntax of one LMTP command line (RFC 2033 section 4, RFC 5321 section 4.1), apart from the session's state:
 * the verb, its argument, the reverse- or forward-path with its parameters, and a numeric parameter value. Every
 * string yields a value; text that is not a path or a number yields empty.
 *
 * @param verb the first word, upper-cased
 * @param argument what follows the first space, stripped; empty when there is none
 */
record LmtpCommandLine(String verb, String argument) {

    /** A path in angle brackets (the address may be empty) and the ESMTP parameters after it. */
    record Path(String address, List<String> parameters) {}

    static LmtpCommandLine parse(String line) {
        int space = line.indexOf(' ');
        String verb = (space < 0 ? line : line.substring(0, space)).toUpperCase(Locale.ROOT);
        String argument = space < 0 ? "" : line.substring(space + 1).strip();
        return new LmtpCommandLine(verb, argument);
    }

    /** {@code <address> [PARAM=value ...]}; the angle brackets are required, the address may be empty. */
    static Optional<Path> path(String text) {
        String trimmed = text.strip();
        if (!trimmed.startsWith("<")) {
            return Optional.empty();
        }
        int close = trimmed.indexOf('>');
        if (close < 0) {
            return Optional.empty();
        }
        String address = trimmed.substring(1, close);
        String rest = trimmed.substring(close + 1).strip();
        List<String> parameters = rest.isEmpty() ? List.of() : List.of(rest.split(" +"));
        return Optional.of(new Path(address, parameters));
    }

    /** A decimal number of 1 to 18 digits, as in {@code SIZE=} (RFC 1870). */
    static Optional<Long> number(String text) {
        if (text.isEmpty() || text.length() > 18 || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return Optional.empty();
        }
        return Optional.of(Long.parseLong(text));
    }
}
