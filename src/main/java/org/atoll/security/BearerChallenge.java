package org.atoll.security;

import org.springframework.http.HttpHeaders;
import org.springframework.security.web.AuthenticationEntryPoint;

/**
 * The challenge of the API and the actuator: {@code WWW-Authenticate: Bearer realm="Atoll"} with a problem. Basic
 * credentials sent with the request are still accepted, but no Basic challenge is ever sent, so a browser never
 * prompts for a password there and never keeps one to replay (RFC 9110 11.6.1, RFC 6750 3).
 */
final class BearerChallenge {

    static final String HEADER = "Bearer realm=\"" + BasicRealm.NAME + "\"";

    private BearerChallenge() {}

    static AuthenticationEntryPoint entryPoint() {
        return (request, response, failure) -> {
            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, HEADER);
            ProblemResponses.write(response, 401, "Unauthorized", "Sign in with an API token or HTTP Basic");
        };
    }
}
