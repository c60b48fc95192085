package org.atoll.push.internal;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.atoll.push.FolderClass;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** The push_device and push_folder rows: each device's cached Ping and the generation of its parked requests. */
@Component
public class PushDevices {

    /** A device's cached Ping; the heartbeat is null when none was cached, the folder list empty likewise. */
    public record Cached(@Nullable Long heartbeatSeconds, List<CachedFolder> folders) {}

    public record CachedFolder(long folderId, FolderClass folderClass) {}

    private final JdbcClient jdbc;

    PushDevices(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Transactional(readOnly = true)
    public Cached cached(long accountId, long devicePk) {
        Long heartbeat = jdbc.sql("SELECT heartbeat_seconds FROM push_device WHERE account_id = ? AND device_pk = ?")
                .params(accountId, devicePk)
                .query((row, n) -> {
                    long seconds = row.getLong(1);
                    return row.wasNull() ? Optional.<Long>empty() : Optional.of(seconds);
                })
                .optional()
                .flatMap(seconds -> seconds)
                .orElse(null);
        List<CachedFolder> folders = jdbc.sql("""
                        SELECT folder_id, folder_class FROM push_folder WHERE account_id = ? AND device_pk = ?
                        ORDER BY folder_id
                        """)
                .params(accountId, devicePk)
                .query((row, n) -> new CachedFolder(
                        row.getLong(1), FolderClass.fromCode(row.getInt(2)).orElseThrow()))
                .list();
        return new Cached(heartbeat, folders);
    }

    /** Caches what a Ping named: the heartbeat when not null, the folder list (replacing the old one) when not null. */
    @Transactional
    public void remember(
            long accountId, long devicePk, @Nullable Long heartbeatSeconds, @Nullable List<CachedFolder> folders) {
        jdbc.sql("""
                        INSERT INTO push_device (account_id, device_pk, heartbeat_seconds) VALUES (?, ?, ?)
                        ON CONFLICT (account_id, device_pk) DO UPDATE
                        SET heartbeat_seconds = coalesce(excluded.heartbeat_seconds, push_device.heartbeat_seconds)
                        """).params(accountId, devicePk, heartbeatSeconds).update();
        if (folders != null) {
            jdbc.sql("DELETE FROM push_folder WHERE account_id = ? AND device_pk = ?")
                    .params(accountId, devicePk)
                    .update();
            jdbc.sql("""
                            INSERT INTO push_folder (account_id, device_pk, folder_id, folder_class)
                            SELECT ?, ?, * FROM unnest(?::bigint[], ?::smallint[])
                            """)
                    .params(
                            accountId,
                            devicePk,
                            folders.stream().map(CachedFolder::folderId).toArray(Long[]::new),
                            folders.stream()
                                    .map(f -> (short) f.folderClass().code())
                                    .toArray(Short[]::new))
                    .update();
        }
    }

    /**
     * Counts a newly parked request of the device and announces it to every node in the same transaction, so an
     * older request of the device waiting anywhere ends.
     *
     * @return the new request's generation
     */
    @Transactional
    public long nextGeneration(long accountId, long devicePk) {
        long generation =
                jdbc.sql("""
                        INSERT INTO push_device (account_id, device_pk, generation) VALUES (?, ?, 1)
                        ON CONFLICT (account_id, device_pk) DO UPDATE SET generation = push_device.generation + 1
                        RETURNING generation
                        """).params(accountId, devicePk).query(Long.class).single();
        jdbc.sql("SELECT pg_notify(?, ?)")
                .params(Channels.DEVICE, accountId + " " + devicePk + " " + generation)
                .query()
                .listOfRows();
        return generation;
    }

    /**
     * How many devices have a Ping waiting on some node now, as the database sees it: their latest Ping began less
     * than its heartbeat ago (the time of the latest Ping is kept to within {@code atoll.device.last-seen-granularity}).
     */
    @Transactional(readOnly = true)
    public long waitingNow() {
        return jdbc.sql("""
                        SELECT count(*) FROM push_device p
                        JOIN device d ON d.account_id = p.account_id AND d.id = p.device_pk
                        WHERE p.heartbeat_seconds IS NOT NULL AND d.last_ping_at IS NOT NULL
                          AND d.last_ping_at + p.heartbeat_seconds * interval '1 second' > now()
                        """).query(Long.class).single();
    }

    /** The current generation of each of the devices that has one. */
    @Transactional(readOnly = true)
    public Map<Long, Long> generations(long accountId, Collection<Long> devicePks) {
        Map<Long, Long> generations = new HashMap<>();
        jdbc.sql("SELECT device_pk, generation FROM push_device WHERE account_id = ? AND device_pk = ANY(?)")
                .params(accountId, devicePks.toArray(Long[]::new))
                .query(row -> {
                    generations.put(row.getLong(1), row.getLong(2));
                });
        return generations;
    }
}
