package org.atoll.database;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataAccessException;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.transaction.TransactionException;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Answers HTTP 503 with Retry-After (MS-ASHTTP 3.2.5.1; RFC 9110 section 15.6.4) to any request, on every front end,
 * that failed because the database could not be reached, timed out or refused a write: during sign-in, device
 * registration or the command itself. The failed transaction rolled back, so the client may send the request
 * again; a 500 would tell it the request itself was wrong, and a 401 that its password was. A sign-in that found no
 * slot in the node's {@link DatabaseAdmission} in time ({@link AdmissionTimedOut}) is answered the same way: nothing
 * of the request ran.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class DatabaseUnavailableFilter extends OncePerRequestFilter {

    /**
     * Seconds a client is asked to wait: a slot is a matter of seconds, as for a command refused one, and a client
     * asked back soon learns soon whether the database is back.
     */
    static final String RETRY_AFTER_SECONDS = "5";

    /** Plain text with its charset named, for front ends other than the API. */
    private static final MediaType TEXT = new MediaType(MediaType.TEXT_PLAIN, StandardCharsets.UTF_8);

    private static final Logger log = LoggerFactory.getLogger(DatabaseUnavailableFilter.class);

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            chain.doFilter(request, response);
        } catch (ServletException | RuntimeException e) {
            Throwable database = databaseFailure(e);
            if (database == null || response.isCommitted()) {
                throw e;
            }
            boolean busy = database instanceof AdmissionTimedOut;
            if (!busy) {
                log.warn("A request met an unavailable database: {}", database.toString());
            }
            response.reset();
            String detail = busy
                    ? "The server is busy; nothing was changed, try again"
                    : "The database is unavailable; nothing was changed, try again";
            ServiceUnavailable answer = request.getRequestURI().startsWith("/api/")
                    ? new ServiceUnavailable(
                            RETRY_AFTER_SECONDS,
                            MediaType.APPLICATION_PROBLEM_JSON,
                            "{\"title\":\"Service Unavailable\",\"status\":503,\"detail\":\"" + detail + "\"}")
                    : new ServiceUnavailable(RETRY_AFTER_SECONDS, TEXT, detail);
            answer.writeTo(response);
        }
    }

    private static @Nullable Throwable databaseFailure(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof DataAccessException
                    || cause instanceof TransactionException
                    || cause instanceof AdmissionTimedOut) {
                return cause;
            }
        }
        return null;
    }
}
