package org.atoll.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Keeps other sites from changing anything through a browser that holds credentials for the API. The API is
 * stateless and takes Basic credentials, which a browser replays on its own, so a state-changing request (anything
 * but GET, HEAD, OPTIONS, TRACE) is refused when:
 *
 * <ul>
 *   <li>the browser says it comes from elsewhere: {@code Sec-Fetch-Site} other than {@code same-origin} or {@code
 *       none} (Fetch Metadata; browsers that send it set it themselves), or, from older browsers without it, an
 *       {@code Origin} (RFC 6454) whose host and port are not the request's own {@code Host} — 403;
 *   <li>its body is of a type an HTML form sends without a CORS preflight ({@code
 *       application/x-www-form-urlencoded}, {@code multipart/form-data}, {@code text/plain}) — 415.
 * </ul>
 *
 * Scripts send neither header and either no body or JSON, so they pass.
 */
final class CrossSiteRefusal extends OncePerRequestFilter {

    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS", "TRACE");

    private static final Set<String> SAME_SITE_FETCHES = Set.of("same-origin", "none");

    private static final Set<String> FORM_TYPES =
            Set.of("application/x-www-form-urlencoded", "multipart/form-data", "text/plain");

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (SAFE_METHODS.contains(request.getMethod().toUpperCase(Locale.ROOT))) {
            chain.doFilter(request, response);
            return;
        }
        if (crossSite(request)) {
            ProblemResponses.write(response, 403, "Forbidden", "Requests from other sites may not change anything");
            return;
        }
        if (formBody(request.getContentType())) {
            ProblemResponses.write(response, 415, "Unsupported Media Type", "Send application/json or no body");
            return;
        }
        chain.doFilter(request, response);
    }

    private static boolean crossSite(HttpServletRequest request) {
        String fetchSite = request.getHeader("Sec-Fetch-Site");
        if (fetchSite != null) {
            return !SAME_SITE_FETCHES.contains(fetchSite.strip().toLowerCase(Locale.ROOT));
        }
        String origin = request.getHeader(HttpHeaders.ORIGIN);
        return origin != null && !sameAuthority(origin, request.getHeader(HttpHeaders.HOST));
    }

    /** {@code Origin: null} and anything that is not a plain scheme://host[:port] count as elsewhere. */
    private static boolean sameAuthority(String origin, @Nullable String host) {
        if (host == null) {
            return false;
        }
        try {
            URI uri = new URI(origin.strip());
            String authority = uri.getRawAuthority();
            return uri.getScheme() != null
                    && authority != null
                    && (uri.getRawPath() == null || uri.getRawPath().isEmpty())
                    && authority.equalsIgnoreCase(host.strip());
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private static boolean formBody(@Nullable String contentType) {
        if (contentType == null) {
            return false;
        }
        int parameters = contentType.indexOf(';');
        String type = (parameters < 0 ? contentType : contentType.substring(0, parameters))
                .strip()
                .toLowerCase(Locale.ROOT);
        return FORM_TYPES.contains(type);
    }
}
