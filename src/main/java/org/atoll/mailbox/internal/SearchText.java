package org.atoll.mailbox.internal;

import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.atoll.mime.MimeBodies;
import org.atoll.mime.ParsedMessage;
import org.atoll.mime.ParsedWithText;

/**
 * The text a message is found by, as {@link NewMessages} indexes it in {@code message_search} (V22): the subject,
 * the addresses (whole, by domain and word by word), and the preview with the body as text.
 */
final class SearchText {

    /**
     * The most body characters indexed. A tsvector holds at most 1 MB of words and positions; this keeps even a body of
     * distinct three-byte words below it.
     */
    static final int MAX_BODY_CHARS = 100_000;

    private static final Pattern ADDRESS_MARKS = Pattern.compile("[@<>\"]");
    private static final Pattern WORD_MARKS = Pattern.compile("[@.<>\"_+-]");

    private SearchText() {}

    /** From, To and Cc as written, with the domain as a word of its own, and with every part as a word. */
    static String addresses(ParsedMessage parsed) {
        String written = Stream.concat(
                        Stream.ofNullable(parsed.from()), Stream.concat(parsed.to().stream(), parsed.cc().stream()))
                .collect(Collectors.joining(" "));
        return written + " " + ADDRESS_MARKS.matcher(written).replaceAll(" ") + " "
                + WORD_MARKS.matcher(written).replaceAll(" ");
    }

    /** The preview and the body as text, together at most {@link #MAX_BODY_CHARS} characters. */
    static String body(ParsedMessage parsed, byte[] raw) {
        return body(parsed.preview(), MimeBodies.extract(raw).text());
    }

    /** As {@link #body(ParsedMessage, byte[])}, from the body text read with the envelope. */
    static String body(ParsedWithText parsed) {
        return body(parsed.envelope().preview(), parsed.bodyText());
    }

    private static String body(String preview, String bodyText) {
        String text = preview + " " + bodyText;
        return text.length() > MAX_BODY_CHARS ? text.substring(0, MAX_BODY_CHARS) : text;
    }
}
