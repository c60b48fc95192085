package org.atoll.logging;

import ch.qos.logback.classic.pattern.MessageConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;

/**
 * The log message with its control characters escaped ({@code \r}, {@code \n}, {@code \t}, others as
 * {@code \}{@code uXXXX}, line and paragraph separators included), so that a value from a request (a login, a
 * header, an SMTP reply) cannot end a log line and forge the next. Registered for {@code %m}, {@code %msg} and
 * {@code %message} in {@code logback-spring.xml}; stack traces are written as they are.
 */
public final class EscapedMessageConverter extends MessageConverter {

    @Override
    public String convert(ILoggingEvent event) {
        return escape(super.convert(event));
    }

    static String escape(String message) {
        int first = 0;
        while (first < message.length() && !isControl(message.charAt(first))) {
            first++;
        }
        if (first == message.length()) {
            return message;
        }
        StringBuilder escaped = new StringBuilder(message.length() + 16).append(message, 0, first);
        for (int i = first; i < message.length(); i++) {
            char c = message.charAt(i);
            switch (c) {
                case '\n' -> escaped.append("\\n");
                case '\r' -> escaped.append("\\r");
                case '\t' -> escaped.append("\\t");
                default -> {
                    if (isControl(c)) {
                        escaped.append(String.format("\\u%04X", (int) c));
                    } else {
                        escaped.append(c);
                    }
                }
            }
        }
        return escaped.toString();
    }

    private static boolean isControl(char c) {
        return Character.isISOControl(c) || c == '\u2028' || c == '\u2029';
    }
}
