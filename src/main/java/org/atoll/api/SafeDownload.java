package org.atoll.api;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

/**
 * Headers for bytes that came from a message, so a browser saves them instead of rendering them on the API's
 * origin: always {@code attachment}, an ASCII file name with an RFC 8187 UTF-8 one beside it, no sniffing, and a
 * sandbox should a browser render anyway. Types that script in a browser are sent as octet-stream.
 */
final class SafeDownload {

    private static final Pattern TOKEN_TYPE =
            Pattern.compile("[a-z0-9][a-z0-9!#$&^_.+-]{0,63}/[a-z0-9][a-z0-9!#$&^_.+-]{0,63}");

    private static final Set<String> ACTIVE_TYPES = Set.of(
            "text/html", "application/xhtml+xml", "image/svg+xml", "text/xml", "application/xml", "text/javascript");

    private SafeDownload() {}

    static HttpHeaders headers(String fileName, String declaredType, long length) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(type(declaredType));
        headers.setContentLength(length);
        headers.set(HttpHeaders.CONTENT_DISPOSITION, disposition(fileName));
        headers.set("X-Content-Type-Options", "nosniff");
        headers.set("Content-Security-Policy", "sandbox; default-src 'none'");
        return headers;
    }

    static MediaType type(String declared) {
        String type = declared.strip().toLowerCase(Locale.ROOT);
        int semicolon = type.indexOf(';');
        if (semicolon >= 0) {
            type = type.substring(0, semicolon).strip();
        }
        if (!TOKEN_TYPE.matcher(type).matches() || ACTIVE_TYPES.contains(type) || type.startsWith("multipart/")) {
            return MediaType.APPLICATION_OCTET_STREAM;
        }
        return MediaType.parseMediaType(type);
    }

    static String disposition(String fileName) {
        String cleaned = fileName.codePoints()
                .filter(c -> !Character.isISOControl(c) && c != '/' && c != '\\')
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
                .toString()
                .strip();
        if (cleaned.isEmpty() || cleaned.equals(".") || cleaned.equals("..")) {
            cleaned = "download";
        }
        if (cleaned.length() > 150) {
            cleaned = cleaned.substring(0, 150);
        }
        StringBuilder ascii = new StringBuilder();
        for (char c : cleaned.toCharArray()) {
            ascii.append(c < 128 && (Character.isLetterOrDigit(c) || c == '.' || c == '-' || c == '_') ? c : '_');
        }
        String encoded = URLEncoder.encode(cleaned, StandardCharsets.UTF_8)
                .replace("+", "%20")
                .replace("*", "%2A");
        return "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''" + encoded;
    }
}
