package org.atoll.device;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.atoll.device.internal.RequestLogRows;
import org.atoll.device.internal.RequestLogRows.Entry;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;

/**
 * The newest {@value #KEPT_PER_DEVICE} protocol requests of every device. A request is queued in memory as it ends
 * and written with the others of its batch a moment later, so the log never holds up an answer; when the database
 * cannot keep up, requests beyond the queue's {@value #QUEUE_CAPACITY} are dropped and counted as
 * {@code atoll.request.log.dropped}. After each batch its devices are trimmed back to their newest rows. The same
 * batches keep each device's User-Agent history: every distinct User-Agent it sent, first and last seen, the
 * {@value #USER_AGENTS_PER_DEVICE} most recently seen of them.
 */
@Component
public class DeviceRequestLog implements SmartLifecycle {

    public static final int KEPT_PER_DEVICE = 200;

    /** How many distinct User-Agents are kept per device, the most recently seen. */
    public static final int USER_AGENTS_PER_DEVICE = 20;

    static final int QUEUE_CAPACITY = 10_000;
    static final int BATCH = 1_000;
    private static final long WRITE_INTERVAL_MILLIS = 250;

    private static final Logger log = LoggerFactory.getLogger(DeviceRequestLog.class);

    private final RequestLogRows rows;
    private final BlockingQueue<Entry> queue = new ArrayBlockingQueue<>(QUEUE_CAPACITY);
    private final Counter dropped;
    private final Object writing = new Object();
    private @Nullable ScheduledExecutorService writer;

    DeviceRequestLog(RequestLogRows rows, MeterRegistry registry) {
        this.rows = rows;
        this.dropped = Counter.builder("atoll.request.log.dropped")
                .description("Device requests left out of the request log because its queue was full")
                .register(registry);
    }

    /** Queues one request of the device for the log; never blocks and never fails the request. */
    public void record(long accountId, long devicePk, LoggedRequest request) {
        record(accountId, devicePk, request, null);
    }

    /**
     * Queues one request of the device for the log, with the User-Agent it carried for the device's User-Agent
     * history; never blocks and never fails the request.
     */
    public void record(long accountId, long devicePk, LoggedRequest request, @Nullable String userAgent) {
        if (!queue.offer(new Entry(accountId, devicePk, request, userAgent))) {
            dropped.increment();
        }
    }

    /** The device's newest requests, newest first, with everything this node still queues written first. */
    public List<LoggedRequest> latest(long accountId, long devicePk, int limit) {
        write();
        return rows.latest(accountId, devicePk, Math.clamp(limit, 0, KEPT_PER_DEVICE));
    }

    /**
     * The User-Agents the device has sent, the most recently seen first, with everything this node still queues
     * written first.
     */
    public List<SeenUserAgent> userAgents(long accountId, long devicePk) {
        write();
        return rows.userAgents(accountId, devicePk, USER_AGENTS_PER_DEVICE);
    }

    /**
     * What all devices asked since an instant, as the log holds it (each device's newest {@value #KEPT_PER_DEVICE}
     * requests), for the dashboard's overview.
     *
     * @param syncs Sync requests
     * @param errors requests answered with an HTTP error status or with one of the common Status codes of MS-ASCMD
     *     2.2.2 (101 and above)
     */
    public record Activity(long requests, long syncs, long errors) {}

    public Activity since(Instant from) {
        write();
        return rows.since(from);
    }

    /** Writes the queued requests in batches; a device removed meanwhile takes its rows with it. */
    void write() {
        synchronized (writing) {
            writeQueued();
        }
    }

    private void writeQueued() {
        List<Entry> batch = new ArrayList<>(BATCH);
        while (queue.drainTo(batch, BATCH) > 0) {
            try {
                rows.insert(batch, KEPT_PER_DEVICE, USER_AGENTS_PER_DEVICE);
            } catch (DataAccessException e) {
                log.warn("{} requests could not be written to the request log", batch.size(), e);
            }
            batch.clear();
        }
    }

    @Override
    public synchronized void start() {
        if (writer == null) {
            writer = Executors.newSingleThreadScheduledExecutor(
                    Thread.ofVirtual().name("request-log-writer").factory());
            writer.scheduleWithFixedDelay(
                    this::write, WRITE_INTERVAL_MILLIS, WRITE_INTERVAL_MILLIS, TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public synchronized void stop() {
        if (writer != null) {
            writer.shutdown();
            try {
                writer.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            writer = null;
            write();
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return writer != null;
    }
}
