package org.atoll.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The container's error page renders failures of other requests; asked for directly it has no failure to render
 * and would answer 500. A direct request for it is answered 404 instead. Error dispatches are not filtered, so they
 * keep reaching it.
 */
final class ErrorPageRefusal extends OncePerRequestFilter {

    static final String PATH = "/error";

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return !path.equals(PATH) && !path.startsWith(PATH + "/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        ProblemResponses.write(response, 404, "Not Found", "No such resource");
    }
}
