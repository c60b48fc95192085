package org.atoll.device;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.atoll.device.internal.RequestLogRows;
import org.atoll.device.internal.RequestLogRows.Device;
import org.atoll.device.internal.RequestLogRows.Entry;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.SmartLifecycle;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;

/**
 * The newest {@value #KEPT_PER_DEVICE} protocol requests of every device. A request is queued in memory as it ends
 * and written with the others of its batch a moment later, so the log never holds up an answer; when the database
 * cannot keep up, requests beyond the queue's {@value #QUEUE_CAPACITY} are dropped and counted as
 * {@code atoll.request.log.dropped}. A device's rows are trimmed back to its newest {@value #KEPT_PER_DEVICE} once
 * this node has written {@value #TRIM_EVERY} more of them: trimming walks the device's newest rows, and doing it
 * after every batch cost a busy node more of the database's time than the requests it logged. So the table holds up
 * to {@value #TRIM_EVERY} more rows per device and node than are shown, which only the overview's counts
 * ({@link #since}) include. The same batches keep each device's User-Agent history: every distinct User-Agent it
 * sent, first and last seen, the {@value #USER_AGENTS_PER_DEVICE} most recently seen of them.
 */
@Component
public class DeviceRequestLog implements SmartLifecycle {

    public static final int KEPT_PER_DEVICE = 200;

    /** How many distinct User-Agents are kept per device, the most recently seen. */
    public static final int USER_AGENTS_PER_DEVICE = 20;

    /** How many rows this node writes for a device before it trims the device's log back again. */
    static final int TRIM_EVERY = 50;

    /**
     * Most devices whose untrimmed rows this node counts. A device that stops sending before it is due, or is removed,
     * would otherwise keep its count here for good; past this many, every counted device is trimmed with the next
     * batch and the counts start over.
     */
    static final int COUNTED_DEVICES = 100_000;

    static final int QUEUE_CAPACITY = 10_000;
    static final int BATCH = 1_000;
    private static final long WRITE_INTERVAL_MILLIS = 250;

    private static final Logger log = LoggerFactory.getLogger(DeviceRequestLog.class);

    private final RequestLogRows rows;
    private final BlockingQueue<Entry> queue = new ArrayBlockingQueue<>(QUEUE_CAPACITY);
    private final Counter dropped;
    private final Object writing = new Object();

    /** Rows written per device since this node last trimmed it, guarded by {@link #writing}; none: no entry. */
    private final Map<Device, Integer> untrimmed = new HashMap<>();

    private final int countedDevices;

    private @Nullable ScheduledExecutorService writer;

    @Autowired
    DeviceRequestLog(RequestLogRows rows, MeterRegistry registry) {
        this(rows, registry, COUNTED_DEVICES);
    }

    DeviceRequestLog(RequestLogRows rows, MeterRegistry registry, int countedDevices) {
        this.rows = rows;
        this.countedDevices = countedDevices;
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
     * requests, and up to {@value #TRIM_EVERY} more not trimmed yet), for the dashboard's overview.
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
                List<Device> due = due(batch);
                rows.insert(batch, due, KEPT_PER_DEVICE, USER_AGENTS_PER_DEVICE);
                due.forEach(untrimmed::remove);
            } catch (DataAccessException e) {
                log.warn("{} requests could not be written to the request log", batch.size(), e);
            }
            batch.clear();
        }
    }

    /**
     * The devices of the batch that have {@link #TRIM_EVERY} rows or more written since their last trim (a batch that
     * failed to be written still counts, so its devices are trimmed with the next one); every counted device once
     * more than {@code countedDevices} ({@link #COUNTED_DEVICES}) are counted.
     */
    private List<Device> due(List<Entry> batch) {
        Set<Device> due = new LinkedHashSet<>();
        for (Entry entry : batch) {
            if (untrimmed.merge(entry.device(), 1, Integer::sum) >= TRIM_EVERY) {
                due.add(entry.device());
            }
        }
        if (untrimmed.size() > countedDevices) {
            due.addAll(untrimmed.keySet());
        }
        return List.copyOf(due);
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
