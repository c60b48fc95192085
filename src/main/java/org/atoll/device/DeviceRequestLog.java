package org.atoll.device;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
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

    private record Entry(
            long accountId,
            long devicePk,
            LoggedRequest request,
            @Nullable String userAgent) {}

    private final JdbcClient jdbc;
    private final BlockingQueue<Entry> queue = new ArrayBlockingQueue<>(QUEUE_CAPACITY);
    private final Counter dropped;
    private final Object writing = new Object();
    private @Nullable ScheduledExecutorService writer;

    DeviceRequestLog(JdbcClient jdbc, MeterRegistry registry) {
        this.jdbc = jdbc;
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
        return jdbc.sql("""
                        SELECT at, node, command, http_status, protocol_status, duration_ms, bytes_in, bytes_out
                        FROM device_request WHERE account_id = ? AND device_pk = ? ORDER BY at DESC, id DESC LIMIT ?
                        """)
                .params(accountId, devicePk, Math.clamp(limit, 0, KEPT_PER_DEVICE))
                .query(DeviceRequestLog::loggedRequest)
                .list();
    }

    /**
     * The User-Agents the device has sent, the most recently seen first, with everything this node still queues
     * written first.
     */
    public List<SeenUserAgent> userAgents(long accountId, long devicePk) {
        write();
        return jdbc.sql("""
                        SELECT user_agent, first_seen_at, last_seen_at FROM device_user_agent
                        WHERE account_id = ? AND device_pk = ? ORDER BY last_seen_at DESC, user_agent DESC LIMIT ?
                        """)
                .params(accountId, devicePk, USER_AGENTS_PER_DEVICE)
                .query((row, n) -> new SeenUserAgent(
                        row.getString("user_agent"),
                        row.getTimestamp("first_seen_at").toInstant(),
                        row.getTimestamp("last_seen_at").toInstant()))
                .list();
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
        return jdbc.sql("""
                        SELECT count(*) AS requests,
                               count(*) FILTER (WHERE command = 'Sync') AS syncs,
                               count(*) FILTER (WHERE http_status >= 400 OR protocol_status > 100) AS errors
                        FROM device_request WHERE at >= ?
                        """)
                .param(from.atOffset(ZoneOffset.UTC))
                .query((row, n) -> new Activity(row.getLong("requests"), row.getLong("syncs"), row.getLong("errors")))
                .single();
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
                insert(batch);
            } catch (DataAccessException e) {
                log.warn("{} requests could not be written to the request log", batch.size(), e);
            }
            batch.clear();
        }
    }

    private void insert(List<Entry> batch) {
        jdbc.sql("""
                        INSERT INTO device_request (account_id, device_pk, at, node, command, http_status,
                                                    protocol_status, duration_ms, bytes_in, bytes_out)
                        SELECT r.account_id, r.device_pk, r.at, r.node, r.command, r.http_status, r.protocol_status,
                               r.duration_ms, r.bytes_in, r.bytes_out
                        FROM unnest(?::bigint[], ?::bigint[], ?::timestamptz[], ?::text[], ?::text[], ?::smallint[],
                                    ?::integer[], ?::integer[], ?::bigint[], ?::bigint[])
                            WITH ORDINALITY AS r(account_id, device_pk, at, node, command, http_status,
                                                 protocol_status, duration_ms, bytes_in, bytes_out, n)
                        WHERE EXISTS (SELECT 1 FROM device d WHERE d.account_id = r.account_id AND d.id = r.device_pk)
                        ORDER BY r.n
                        """)
                .params(
                        batch.stream().map(Entry::accountId).toArray(Long[]::new),
                        batch.stream().map(Entry::devicePk).toArray(Long[]::new),
                        batch.stream()
                                .map(e -> Timestamp.from(e.request().at()))
                                .toArray(Timestamp[]::new),
                        batch.stream().map(e -> e.request().node()).toArray(String[]::new),
                        batch.stream().map(e -> e.request().command()).toArray(String[]::new),
                        batch.stream().map(e -> e.request().httpStatus()).toArray(Integer[]::new),
                        batch.stream().map(e -> e.request().protocolStatus()).toArray(Integer[]::new),
                        batch.stream()
                                .map(e -> (int) Math.min(e.request().durationMillis(), Integer.MAX_VALUE))
                                .toArray(Integer[]::new),
                        batch.stream().map(e -> e.request().bytesIn()).toArray(Long[]::new),
                        batch.stream().map(e -> e.request().bytesOut()).toArray(Long[]::new))
                .update();
        jdbc.sql("""
                        DELETE FROM device_request old
                        USING (SELECT d.account_id, d.pk,
                                      (SELECT k.id FROM device_request k
                                       WHERE k.account_id = d.account_id AND k.device_pk = d.pk
                                       ORDER BY k.id DESC OFFSET ? LIMIT 1) AS oldest_dropped
                               FROM (SELECT DISTINCT * FROM unnest(?::bigint[], ?::bigint[])) AS d(account_id, pk)) c
                        WHERE old.account_id = c.account_id AND old.device_pk = c.pk AND old.id <= c.oldest_dropped
                        """)
                .params(
                        KEPT_PER_DEVICE,
                        batch.stream().map(Entry::accountId).toArray(Long[]::new),
                        batch.stream().map(Entry::devicePk).toArray(Long[]::new))
                .update();
        rememberUserAgents(batch);
    }

    /**
     * Records the User-Agents of the batch: a new one with the first and last time the batch saw it, a known one
     * with its times widened; then trims the batch's devices back to their most recently seen User-Agents. Rows are
     * written in key order, so writers on several nodes never wait on each other in a circle.
     */
    private void rememberUserAgents(List<Entry> batch) {
        List<Entry> carrying = batch.stream()
                .filter(e -> e.userAgent() != null && !e.userAgent().isEmpty())
                .toList();
        if (carrying.isEmpty()) {
            return;
        }
        jdbc.sql("""
                        INSERT INTO device_user_agent (account_id, device_pk, user_agent, first_seen_at, last_seen_at)
                        SELECT r.account_id, r.device_pk, r.user_agent, min(r.at), max(r.at)
                        FROM unnest(?::bigint[], ?::bigint[], ?::text[], ?::timestamptz[])
                            AS r(account_id, device_pk, user_agent, at)
                        WHERE EXISTS (SELECT 1 FROM device d WHERE d.account_id = r.account_id AND d.id = r.device_pk)
                        GROUP BY r.account_id, r.device_pk, r.user_agent
                        ORDER BY r.account_id, r.device_pk, r.user_agent
                        ON CONFLICT (account_id, device_pk, user_agent) DO UPDATE
                        SET first_seen_at = least(device_user_agent.first_seen_at, excluded.first_seen_at),
                            last_seen_at = greatest(device_user_agent.last_seen_at, excluded.last_seen_at)
                        """)
                .params(
                        carrying.stream().map(Entry::accountId).toArray(Long[]::new),
                        carrying.stream().map(Entry::devicePk).toArray(Long[]::new),
                        carrying.stream()
                                .map(e -> e.userAgent().length() > 512
                                        ? e.userAgent().substring(0, 512)
                                        : e.userAgent())
                                .toArray(String[]::new),
                        carrying.stream()
                                .map(e -> Timestamp.from(e.request().at()))
                                .toArray(Timestamp[]::new))
                .update();
        jdbc.sql("""
                        DELETE FROM device_user_agent old
                        USING (SELECT DISTINCT * FROM unnest(?::bigint[], ?::bigint[])) AS d(account_id, pk)
                        WHERE old.account_id = d.account_id AND old.device_pk = d.pk
                          AND (old.last_seen_at, old.user_agent) < ALL (
                              SELECT k.last_seen_at, k.user_agent FROM device_user_agent k
                              WHERE k.account_id = d.account_id AND k.device_pk = d.pk
                              ORDER BY k.last_seen_at DESC, k.user_agent DESC LIMIT ?)
                        """)
                .params(
                        carrying.stream().map(Entry::accountId).toArray(Long[]::new),
                        carrying.stream().map(Entry::devicePk).toArray(Long[]::new),
                        USER_AGENTS_PER_DEVICE)
                .update();
    }

    private static LoggedRequest loggedRequest(ResultSet row, int rowNumber) throws SQLException {
        return new LoggedRequest(
                row.getTimestamp("at").toInstant(),
                row.getString("node"),
                row.getString("command"),
                row.getInt("http_status"),
                row.getObject("protocol_status", Integer.class),
                row.getLong("duration_ms"),
                row.getLong("bytes_in"),
                row.getLong("bytes_out"));
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
