package org.atoll.eas.request;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/** Test helpers: base64 query bytes written out field by field, and header maps. */
final class Wire {

    private Wire() {}

    /** Concatenates the parts: an Integer is one byte (0 to 255), a String its UTF-8 bytes, a byte[] itself. */
    static byte[] bytes(Object... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Object part : parts) {
            switch (part) {
                case Integer b -> {
                    if (b < 0 || b > 255) {
                        throw new IllegalArgumentException("not a byte: " + b);
                    }
                    out.write(b);
                }
                case String s -> out.writeBytes(s.getBytes(StandardCharsets.UTF_8));
                case byte[] raw -> out.writeBytes(raw);
                default -> throw new IllegalArgumentException("part " + part);
            }
        }
        return out.toByteArray();
    }

    static String base64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }

    /** Base64 with '+', '/' and '=' percent-escaped, as clients put it in the URI. */
    static String base64Escaped(byte[] bytes) {
        return base64(bytes).replace("+", "%2B").replace("/", "%2F").replace("=", "%3D");
    }

    static Function<String, @Nullable String> headers(Map<String, String> values) {
        return name -> values.entrySet().stream()
                .filter(e -> e.getKey().equalsIgnoreCase(name))
                .map(Map.Entry::getValue)
                .findFirst()
                .orElse(null);
    }

    static Function<String, @Nullable String> noHeaders() {
        return name -> null;
    }

    static Function<String, @Nullable String> version(String version) {
        return headers(Map.of("MS-ASProtocolVersion", version));
    }
}
