package org.atoll.database;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.SequencedMap;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * HTTP 503 with Retry-After (RFC 9110 section 15.6.4; MS-ASHTTP 3.2.5.1): a request refused for want of a database
 * slot or of room, or rolled back because the database was unavailable; nothing of it was changed and the client
 * may send it again after {@code retryAfterSeconds}. The one writer of that answer, whether a filter writes it to the
 * servlet response ({@link #writeTo}) or a controller returns it ({@link #toResponseEntity}): the status, then
 * Retry-After, then the front end's own {@code headers} in their order, then the content type and the body. Each
 * caller keeps its own wait, since what it waits for differs.
 *
 * @param retryAfterSeconds how long the client is asked to wait, in seconds
 * @param contentType the body's media type, as the client receives it
 * @param body the reason, or the front end's problem document
 * @param headers more headers the front end sends on every answer, in the order they are written
 */
public record ServiceUnavailable(
        String retryAfterSeconds, MediaType contentType, String body, SequencedMap<String, String> headers) {

    public ServiceUnavailable {
        headers = Collections.unmodifiableSequencedMap(new LinkedHashMap<>(headers));
    }

    public ServiceUnavailable(String retryAfterSeconds, MediaType contentType, String body) {
        this(retryAfterSeconds, contentType, body, new LinkedHashMap<>());
    }

    /** The same answer with one more header, written after those it has. */
    public ServiceUnavailable withHeader(String name, String value) {
        SequencedMap<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new ServiceUnavailable(retryAfterSeconds, contentType, body, more);
    }

    /** Writes the answer, its body in UTF-8, on a response that nothing has been written to yet. */
    public void writeTo(HttpServletResponse response) throws IOException {
        response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
        response.setHeader(HttpHeaders.RETRY_AFTER, retryAfterSeconds);
        headers.forEach(response::setHeader);
        response.setContentType(contentType.toString());
        response.getOutputStream().write(body.getBytes(StandardCharsets.UTF_8));
    }

    /** The answer as a controller returns it; the body is written by the message converter for the content type. */
    public ResponseEntity<String> toResponseEntity() {
        ResponseEntity.BodyBuilder answer = ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, retryAfterSeconds);
        headers.forEach((name, value) -> answer.header(name, value));
        return answer.contentType(contentType).body(body);
    }
}
