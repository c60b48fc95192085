package org.atoll.eas;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.atoll.database.AdmissionTimedOut;
import org.atoll.database.DatabaseAdmission;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Admits ActiveSync commands to the database one slot each ({@link DatabaseAdmission}): a POST waits for a slot,
 * behind those that came first, once its body has arrived ({@link RequestBodies}), and holds it until its answer is
 * written, or until it parks (Ping, hanging Sync), which ends its dispatch: a parked request holds no slot while it
 * waits. A request that finds no slot within the wait gets HTTP 503 with Retry-After (MS-ASHTTP 3.2.5.1), whatever
 * its protocol version, and the device sends it again; nothing of it ran. OPTIONS needs no slot.
 *
 * <p>Refusals are HTTP rather than the command's Status 111 (MS-ASCMD 2.2.2, ServerErrorRetryLater, 14.0 and later)
 * because only HTTP carries when to come back (Retry-After), and because the refusal comes before the request is
 * parsed: it is the same for every command and version.
 */
final class EasAdmission extends OncePerRequestFilter {

    /** The purpose tag of a device request's slot. */
    static final String REQUEST = "request";

    /** Seconds a refused device is asked to wait: a slot is a matter of seconds, not the minute of a full node. */
    static final String RETRY_AFTER_SECONDS = "5";

    private final DatabaseAdmission admission;

    EasAdmission(DatabaseAdmission admission) {
        this.admission = admission;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !"POST".equals(request.getMethod()) || !EasController.PATH.equals(request.getRequestURI());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        DatabaseAdmission.Slot slot;
        try {
            slot = admission.enter(REQUEST);
        } catch (AdmissionTimedOut e) {
            EasController.serviceUnavailable(e.getMessage(), RETRY_AFTER_SECONDS)
                    .writeTo(response);
            return;
        }
        try (slot) {
            chain.doFilter(request, response);
        }
    }
}
