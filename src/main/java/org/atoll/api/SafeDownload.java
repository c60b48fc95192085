package org.atoll.api;

import java.net.URLEncoder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.http.HttpHeaders;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;

/**
 * Headers for bytes that came from a message, so a browser saves them instead of rendering them on the API's
 * origin: always {@code attachment}, an ASCII file name with an RFC 8187 UTF-8 one beside it (RFC 6266 section
 * 4.3), no sniffing, and a sandbox should a browser render anyway. Only types on an allow-list of passive formats
 * keep their type; everything else (HTML, SVG, XML, scripts, and whatever a sender made up) is sent as
 * {@code application/octet-stream}.
 */
final class SafeDownload {

    /** Types no browser runs script in; a message's attachment of any other type is only bytes to save. */
    private static final Set<String> PASSIVE_TYPES = Set.of(
            "image/png",
            "image/jpeg",
            "image/gif",
            "image/webp",
            "image/bmp",
            "application/pdf",
            "text/plain",
            "text/csv",
            "text/calendar",
            "message/rfc822",
            "audio/mpeg",
            "audio/mp4",
            "audio/ogg",
            "audio/wav",
            "audio/webm",
            "video/mp4",
            "video/mpeg",
            "video/ogg",
            "video/webm",
            "video/quicktime");

    private static final Pattern CHARSET = Pattern.compile("[a-z0-9][a-z0-9._:-]{0,39}");

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

    /**
     * The declared type when it is on the allow-list, with its charset for text when that names a charset other than
     * UTF-7 (which smuggles markup past filters); otherwise {@code application/octet-stream}.
     */
    static MediaType type(String declared) {
        MediaType parsed;
        try {
            parsed = MediaType.parseMediaType(declared.strip().toLowerCase(Locale.ROOT));
        } catch (InvalidMediaTypeException e) {
            return MediaType.APPLICATION_OCTET_STREAM;
        }
        String type = parsed.getType() + "/" + parsed.getSubtype();
        if (!PASSIVE_TYPES.contains(type)) {
            return MediaType.APPLICATION_OCTET_STREAM;
        }
        String charset = parsed.getParameter("charset");
        if (parsed.getType().equals("text") && charset != null) {
            charset = charset.replace("\"", "");
            if (CHARSET.matcher(charset).matches() && !charset.startsWith("utf-7") && supported(charset)) {
                return new MediaType(parsed.getType(), parsed.getSubtype(), Map.of("charset", charset));
            }
        }
        return new MediaType(parsed.getType(), parsed.getSubtype());
    }

    private static boolean supported(String charset) {
        try {
            return Charset.isSupported(charset);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /**
     * {@code attachment} with the name twice: an ASCII fallback of letters, digits, dot, dash and underscore in
     * {@code filename}, and the name itself in {@code filename*} (RFC 6266 section 4.3, RFC 8187), percent-encoded.
     * Before either, the name loses what could make it a path or mislead the reader: control and format characters
     * (NUL, CR, LF, bidirectional overrides), slashes, the characters Windows forbids in file names, and leading
     * dots; an empty name becomes {@code download}.
     */
    static String disposition(String fileName) {
        StringBuilder kept = new StringBuilder();
        fileName.codePoints()
                .filter(c -> !Character.isISOControl(c) && Character.getType(c) != Character.FORMAT)
                .map(c -> "/\\\":<>|?*".indexOf(c) >= 0 ? '_' : c)
                .forEach(kept::appendCodePoint);
        String cleaned = kept.toString().strip().replaceFirst("^[._\\s]+", "").strip();
        if (cleaned.isEmpty()) {
            cleaned = "download";
        }
        if (cleaned.codePointCount(0, cleaned.length()) > 150) {
            cleaned = cleaned.substring(0, cleaned.offsetByCodePoints(0, 150));
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
