package org.atoll.eas;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.atoll.wbxml.WbxmlElement;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Times every ActiveSync request as {@code atoll.eas.requests}, tagged with the command and the outcome: the Status
 * of the WBXML answer (MS-ASCMD 2.2.2, the command's own or the first collection's or response's), or the HTTP
 * status when the answer has no Status. A request that waits for a change (Ping, a hanging Sync) is timed until its
 * answer is written; meanwhile {@code atoll.eas.parked} counts it, by command.
 */
final class EasRequestMetrics extends OncePerRequestFilter {

    private static final String COMMAND = EasRequestMetrics.class.getName() + ".command";
    private static final String STATUS = EasRequestMetrics.class.getName() + ".status";
    private static final String UNKNOWN = "unknown";

    private final MeterRegistry registry;
    private final Map<String, AtomicInteger> parked = new ConcurrentHashMap<>();

    EasRequestMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Names the command of the request being answered; requests not parsed that far count as {@code unknown}. */
    static void command(HttpServletRequest request, String commandName) {
        request.setAttribute(COMMAND, commandName);
    }

    /** Notes the Status of the WBXML answer being written for the current request, if it has one. */
    static void answered(WbxmlElement document) {
        RequestAttributes attributes = RequestContextHolder.getRequestAttributes();
        if (attributes != null) {
            status(document)
                    .ifPresent(status -> attributes.setAttribute(STATUS, status, RequestAttributes.SCOPE_REQUEST));
        }
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Timer.Sample sample = Timer.start(registry);
        try {
            chain.doFilter(request, response);
        } finally {
            if (request.isAsyncStarted()) {
                AtomicInteger waiting = parked(command(request));
                waiting.incrementAndGet();
                request.getAsyncContext().addListener(new AsyncListener() {
                    @Override
                    public void onComplete(AsyncEvent event) {
                        waiting.decrementAndGet();
                        record(sample, request, response);
                    }

                    @Override
                    public void onTimeout(AsyncEvent event) {}

                    @Override
                    public void onError(AsyncEvent event) {}

                    @Override
                    public void onStartAsync(AsyncEvent event) {}
                });
            } else {
                record(sample, request, response);
            }
        }
    }

    private AtomicInteger parked(String command) {
        return parked.computeIfAbsent(command, name -> {
            AtomicInteger count = new AtomicInteger();
            Gauge.builder("atoll.eas.parked", count, AtomicInteger::get)
                    .description("ActiveSync requests waiting for a change on this node (Ping, hanging Sync)")
                    .tag("command", name)
                    .register(registry);
            return count;
        });
    }

    private static String command(HttpServletRequest request) {
        return request.getAttribute(COMMAND) instanceof String name ? name : UNKNOWN;
    }

    private void record(Timer.Sample sample, HttpServletRequest request, HttpServletResponse response) {
        String command = command(request);
        String status =
                request.getAttribute(STATUS) instanceof String code ? code : Integer.toString(response.getStatus());
        sample.stop(Timer.builder("atoll.eas.requests")
                .description("ActiveSync requests by command and Status (or HTTP status)")
                .tag("command", command)
                .tag("status", status)
                .register(registry));
    }

    /**
     * The document's own Status, else that of its first Collection (Sync) or Response (GetItemEstimate,
     * MoveItems). Streamed elements are never read here: they are produced only while the answer is written.
     */
    private static Optional<String> status(WbxmlElement document) {
        Optional<String> own = document.text("Status");
        if (own.isPresent()) {
            return own;
        }
        for (WbxmlElement child : document.children()) {
            if (child.name().equals("Response")) {
                return child.text("Status");
            }
            if (child.name().equals("Collections")) {
                List<WbxmlElement> collections = child.children();
                return collections.isEmpty()
                        ? Optional.empty()
                        : collections.getFirst().text("Status");
            }
        }
        return Optional.empty();
    }
}
