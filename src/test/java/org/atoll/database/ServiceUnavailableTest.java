package org.atoll.database;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.mock.web.MockHttpServletResponse;

/**
 * HTTP 503 with Retry-After (RFC 9110 section 15.6.4; MS-ASHTTP 3.2.5.1), the same whether written by a filter or
 * returned by a controller: the wait, the front end's headers in their order, the content type as given and the body.
 */
class ServiceUnavailableTest {

    private final ServiceUnavailable answer = new ServiceUnavailable("7", MediaType.TEXT_PLAIN, "Busy; try again")
            .withHeader("X-First", "1")
            .withHeader("X-Second", "2");

    @Test
    void writtenAnswerShouldCarryTheStatusTheWaitTheHeadersInOrderTheTypeAndTheBody() throws Exception {
        MockHttpServletResponse response = new MockHttpServletResponse();

        answer.writeTo(response);

        assertThat(response.getStatus()).isEqualTo(503);
        assertThat(List.copyOf(response.getHeaderNames()))
                .containsSubsequence("Retry-After", "X-First", "X-Second", "Content-Type");
        assertThat(response.getHeader("Retry-After")).isEqualTo("7");
        assertThat(response.getContentType()).isEqualTo("text/plain");
        assertThat(response.getContentAsString()).isEqualTo("Busy; try again");
    }

    @Test
    void contentTypeShouldBeWrittenAsGiven() throws Exception {
        MockHttpServletResponse response = new MockHttpServletResponse();

        new ServiceUnavailable("5", MediaType.APPLICATION_PROBLEM_JSON, "{}").writeTo(response);

        assertThat(response.getHeader("Content-Type")).isEqualTo("application/problem+json");
    }

    @Test
    void returnedAnswerShouldCarryTheSameStatusHeadersTypeAndBody() {
        ResponseEntity<String> entity = answer.toResponseEntity();

        assertThat(entity.getStatusCode().value()).isEqualTo(503);
        assertThat(entity.getHeaders().headerNames())
                .containsExactly("Retry-After", "X-First", "X-Second", "Content-Type");
        assertThat(entity.getHeaders().getFirst("Retry-After")).isEqualTo("7");
        assertThat(entity.getHeaders().getContentType()).isEqualTo(MediaType.TEXT_PLAIN);
        assertThat(entity.getBody()).isEqualTo("Busy; try again");
    }
}
