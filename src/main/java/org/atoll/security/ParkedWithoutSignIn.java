package org.atoll.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A device request that parks (Ping, hanging Sync, MS-ASCMD 2.2.1.13 and 2.2.1.21) keeps no sign-in while it waits:
 * the security context saved with the request, and with it the authentication and the account, are let go as soon
 * as the request has parked, since thousands wait at once for up to an hour. Nothing needs them again: the command
 * ran signed in, and the answer it waits for is written by the container's async dispatch, which the device chain
 * lets through without a sign-in ({@link EasSecurity}); no request from outside can be such a dispatch.
 */
final class ParkedWithoutSignIn extends OncePerRequestFilter {

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            chain.doFilter(request, response);
        } finally {
            if (request.isAsyncStarted()) {
                forgetSignIn(request);
            }
        }
    }

    private static void forgetSignIn(HttpServletRequest request) {
        List<String> names = new ArrayList<>();
        for (String name : Collections.list(request.getAttributeNames())) {
            if (request.getAttribute(name) instanceof SecurityContext) {
                names.add(name);
            }
        }
        names.forEach(request::removeAttribute);
    }
}
