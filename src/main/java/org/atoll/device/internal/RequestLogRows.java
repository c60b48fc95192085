package org.atoll.device.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.atoll.device.DeviceRequestLog.Activity;
import org.atoll.device.LoggedRequest;
import org.atoll.device.SeenUserAgent;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The device_request and device_user_agent rows: each device's newest requests and the User-Agents it sent. */
@Component
public class RequestLogRows {

    /** One request of a device, with the User-Agent it carried. */
    public record Entry(
            long accountId,
            long devicePk,
            LoggedRequest request,
            @Nullable String userAgent) {

        public Device device() {
            return new Device(accountId, devicePk);
        }
    }

    /** A device whose log is trimmed. */
    public record Device(long accountId, long devicePk) {}

    private final JdbcClient jdbc;

    RequestLogRows(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The device's newest requests, newest first. */
    public List<LoggedRequest> latest(long accountId, long devicePk, int limit) {
        return jdbc.sql("""
                        SELECT at, node, command, http_status, protocol_status, duration_ms, bytes_in, bytes_out
                        FROM device_request WHERE account_id = ? AND device_pk = ? ORDER BY at DESC, id DESC LIMIT ?
                        """)
                .params(accountId, devicePk, limit)
                .query(RequestLogRows::loggedRequest)
                .list();
    }

    /** The User-Agents the device has sent, the most recently seen first. */
    public List<SeenUserAgent> userAgents(long accountId, long devicePk, int limit) {
        return jdbc.sql("""
                        SELECT user_agent, first_seen_at, last_seen_at FROM device_user_agent
                        WHERE account_id = ? AND device_pk = ? ORDER BY last_seen_at DESC, user_agent DESC LIMIT ?
                        """)
                .params(accountId, devicePk, limit)
                .query((row, n) -> new SeenUserAgent(
                        row.getString("user_agent"),
                        row.getTimestamp("first_seen_at").toInstant(),
                        row.getTimestamp("last_seen_at").toInstant()))
                .list();
    }

    /** What all devices asked since an instant, as the log holds it. */
    public Activity since(Instant from) {
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

    /**
     * Writes a batch of requests, leaving out those of devices removed meanwhile, then trims the devices named in
     * {@code trimmed} back to their newest {@code keptPerDevice} rows and records the User-Agents of the batch.
     *
     * @param trimmed the devices trimmed, each once
     */
    public void insert(List<Entry> batch, List<Device> trimmed, int keptPerDevice, int userAgentsPerDevice) {
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
        if (!trimmed.isEmpty()) {
            trim(trimmed, keptPerDevice);
        }
        rememberUserAgents(batch, userAgentsPerDevice);
    }

    /** Trims the devices back to their newest {@code keptPerDevice} rows. */
    private void trim(List<Device> trimmed, int keptPerDevice) {
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
                        keptPerDevice,
                        trimmed.stream().map(Device::accountId).toArray(Long[]::new),
                        trimmed.stream().map(Device::devicePk).toArray(Long[]::new))
                .update();
    }

    /**
     * Records the User-Agents of the batch: a new one with the first and last time the batch saw it, a known one
     * with its times widened; then trims the batch's devices back to their most recently seen User-Agents. Rows are
     * written in key order, so writers on several nodes never wait on each other in a circle.
     */
    private void rememberUserAgents(List<Entry> batch, int userAgentsPerDevice) {
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
                        userAgentsPerDevice)
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
}
