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
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.atoll.device.DeviceRequestLog;
import org.atoll.device.DeviceView;
import org.atoll.device.LoggedRequest;
import org.atoll.shared.NodeName;
import org.atoll.wbxml.WbxmlElement;
import org.jspecify.annotations.Nullable;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Times every ActiveSync request as {@code atoll.eas.requests}, tagged with the command and the outcome: the Status
 * of the WBXML answer (MS-ASCMD 2.2.2, the command's own or the first collection's or response's), or the HTTP
 * status when the answer has no Status. A request that waits for a change (Ping, a hanging Sync) is timed until its
 * answer is written; meanwhile {@code atoll.eas.parked} counts it, by command. A request of a known device also goes
 * to the device's request log, with the bytes read and written.
 */
final class EasRequestMetrics extends OncePerRequestFilter {

    private static final String COMMAND = EasRequestMetrics.class.getName() + ".command";
    private static final String STATUS = EasRequestMetrics.class.getName() + ".status";
    private static final String DEVICE = EasRequestMetrics.class.getName() + ".device";
    private static final String UNKNOWN = "unknown";

    private final MeterRegistry registry;
    private final DeviceRequestLog requestLog;
    private final NodeName node;
    private final Clock clock;
    private final Map<String, AtomicInteger> parked = new ConcurrentHashMap<>();

    EasRequestMetrics(MeterRegistry registry, DeviceRequestLog requestLog, NodeName node, Clock clock) {
        this.registry = registry;
        this.requestLog = requestLog;
        this.node = node;
        this.clock = clock;
    }

    /** Names the command of the request being answered; requests not parsed that far count as {@code unknown}. */
    static void command(HttpServletRequest request, String commandName) {
        request.setAttribute(COMMAND, commandName);
    }

    /**
     * Names the registered device making the request, for its request log: only what the log needs, since a parked
     * request keeps it for as long as it waits.
     */
    static void device(HttpServletRequest request, DeviceView device) {
        request.setAttribute(DEVICE, new LoggedDevice(device.accountId(), device.id(), device.userAgent()));
    }

    /** The device a request is logged for. */
    private record LoggedDevice(
            long accountId, long id, @Nullable String userAgent) {}

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
        Instant arrived = clock.instant();
        ByteCounts.Request counted = new ByteCounts.Request(request);
        ByteCounts.Response answering = new ByteCounts.Response(response);
        try {
            chain.doFilter(counted, answering);
        } finally {
            if (request.isAsyncStarted()) {
                AtomicInteger waiting = parked(command(request));
                waiting.incrementAndGet();
                request.getAsyncContext().addListener(new AsyncListener() {
                    @Override
                    public void onComplete(AsyncEvent event) {
                        waiting.decrementAndGet();
                        record(sample, arrived, counted, answering);
                    }

                    @Override
                    public void onTimeout(AsyncEvent event) {}

                    @Override
                    public void onError(AsyncEvent event) {}

                    @Override
                    public void onStartAsync(AsyncEvent event) {}
                });
            } else {
                record(sample, arrived, counted, answering);
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

    private void record(
            Timer.Sample sample, Instant arrived, ByteCounts.Request request, ByteCounts.Response response) {
        String command = command(request);
        @Nullable String protocolStatus = request.getAttribute(STATUS) instanceof String code ? code : null;
        long nanos = sample.stop(Timer.builder("atoll.eas.requests")
                .description("ActiveSync requests by command and Status (or HTTP status)")
                .tag("command", command)
                .tag("status", protocolStatus != null ? protocolStatus : Integer.toString(response.getStatus()))
                .register(registry));
        if (request.getAttribute(DEVICE) instanceof LoggedDevice device) {
            requestLog.record(
                    device.accountId(),
                    device.id(),
                    new LoggedRequest(
                            arrived,
                            node.name(),
                            command,
                            response.getStatus(),
                            number(protocolStatus),
                            TimeUnit.NANOSECONDS.toMillis(nanos),
                            request.bytesRead(),
                            response.bytesWritten()),
                    device.userAgent());
        }
    }

    private static @Nullable Integer number(@Nullable String status) {
        if (status == null) {
            return null;
        }
        try {
            return Integer.valueOf(status);
        } catch (NumberFormatException e) {
            return null;
        }
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
