package org.atoll.mime;

import jakarta.mail.internet.ParameterList;
import jakarta.mail.internet.ParseException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * A Content-Type or Content-Disposition value: the lower-case token before the first ';' and its parameters, with
 * RFC 2231 values and continuations decoded. Jakarta Mail parses first; values it rejects (unquoted specials, stray
 * quotes) go through a tolerant split instead.
 */
record HeaderParams(String value, Map<String, String> parameters) {

    static HeaderParams parse(@Nullable String header) {
        if (header == null) {
            return new HeaderParams("", Map.of());
        }
        String text = TextDecoding.rawHeader(header.replace("\r", "").replace("\n", ""));
        int semicolon = text.indexOf(';');
        String value =
                (semicolon < 0 ? text : text.substring(0, semicolon)).strip().toLowerCase(Locale.ROOT);
        if (value.length() > 1 && value.startsWith("\"") && value.endsWith("\"")) {
            value = value.substring(1, value.length() - 1).strip();
        }
        if (semicolon < 0) {
            return new HeaderParams(value, Map.of());
        }
        String rest = text.substring(semicolon);
        Map<String, String> parameters;
        try {
            parameters = new HashMap<>();
            ParameterList list = new ParameterList(rest);
            for (var names = list.getNames(); names.hasMoreElements(); ) {
                String name = names.nextElement();
                String parameter = list.get(name);
                if (parameter != null) {
                    parameters.put(name.toLowerCase(Locale.ROOT), parameter);
                }
            }
        } catch (ParseException | RuntimeException e) {
            parameters = tolerant(rest);
        }
        return new HeaderParams(value, Map.copyOf(parameters));
    }

    @Nullable
    String get(String name) {
        return parameters.get(name);
    }

    /** The media type as "type/subtype"; RFC 2045 section 5.2 reads a missing or invalid one as text/plain. */
    String mediaType() {
        int slash = value.indexOf('/');
        if (slash <= 0 || slash == value.length() - 1 || value.indexOf(' ') >= 0) {
            return "text/plain";
        }
        return value;
    }

    private static Map<String, String> tolerant(String rest) {
        Map<String, String> plain = new HashMap<>();
        Map<String, TreeMap<Integer, String>> sections = new HashMap<>();
        Map<String, String> encodedSections = new HashMap<>();
        for (String item : splitOutsideQuotes(rest)) {
            int equals = item.indexOf('=');
            if (equals <= 0) {
                continue;
            }
            String name = item.substring(0, equals).strip().toLowerCase(Locale.ROOT);
            String raw = unquote(item.substring(equals + 1).strip());
            boolean encoded = name.endsWith("*");
            String base = encoded ? name.substring(0, name.length() - 1) : name;
            int star = base.indexOf('*');
            if (star > 0) {
                try {
                    int index = Integer.parseInt(base.substring(star + 1));
                    String key = base.substring(0, star);
                    sections.computeIfAbsent(key, k -> new TreeMap<>()).put(index, raw);
                    if (encoded) {
                        encodedSections.put(key + "*" + index, raw);
                    }
                } catch (NumberFormatException e) {
                    plain.putIfAbsent(base, raw);
                }
            } else if (encoded) {
                plain.put(base, rfc2231(raw, null, true));
            } else {
                plain.putIfAbsent(base, raw);
            }
        }
        sections.forEach((key, parts) -> {
            String charset = null;
            StringBuilder joined = new StringBuilder();
            for (var part : parts.entrySet()) {
                boolean encoded = encodedSections.containsKey(key + "*" + part.getKey());
                if (encoded && part.getKey() == 0) {
                    int first = part.getValue().indexOf('\'');
                    charset = first > 0 ? part.getValue().substring(0, first) : null;
                    joined.append(rfc2231(part.getValue(), null, true));
                } else {
                    joined.append(encoded ? rfc2231(part.getValue(), charset, false) : part.getValue());
                }
            }
            plain.put(key, joined.toString());
        });
        return plain;
    }

    /** Decodes {@code charset'language'percent-encoded} (or only the percent part for later sections). */
    private static String rfc2231(String value, @Nullable String charset, boolean hasPrefix) {
        String encoded = value;
        if (hasPrefix) {
            int first = value.indexOf('\'');
            int second = first < 0 ? -1 : value.indexOf('\'', first + 1);
            if (second < 0) {
                return value;
            }
            charset = value.substring(0, first);
            encoded = value.substring(second + 1);
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(encoded.length());
        for (int i = 0; i < encoded.length(); i++) {
            char c = encoded.charAt(i);
            if (c == '%'
                    && i + 2 < encoded.length()
                    && Character.digit(encoded.charAt(i + 1), 16) >= 0
                    && Character.digit(encoded.charAt(i + 2), 16) >= 0) {
                bytes.write(Integer.parseInt(encoded.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                bytes.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
            }
        }
        return TextDecoding.decode(bytes.toByteArray(), charset);
    }

    private static List<String> splitOutsideQuotes(String text) {
        List<String> items = new ArrayList<>();
        StringBuilder item = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (c == '\\' && quoted && i + 1 < text.length()) {
                item.append(c).append(text.charAt(++i));
                continue;
            } else if (c == ';' && !quoted) {
                items.add(item.toString());
                item.setLength(0);
                continue;
            }
            item.append(c);
        }
        items.add(item.toString());
        return items;
    }

    private static String unquote(String value) {
        if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
            return value.substring(1, value.length() - 1).replaceAll("\\\\(.)", "$1");
        }
        return value;
    }
}
