package org.atoll.push.internal;

import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.atoll.push.PushProperties;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Listens on one dedicated database connection, outside the pool, for the changes every node announces, and
 * wakes this node's waiters of the account concerned. The connection waits in {@code getNotifications} on a
 * virtual thread. When it fails it is opened again, and every parked request is re-checked against the journal:
 * a notification sent while nobody listened is not lost, because the check reads the state, not the message.
 */
@Component
public class ChangeListener implements SmartLifecycle {

    /** How long one wait for notifications lasts before the connection is probed. */
    private static final int POLL_MILLIS = 10_000;

    private static final Logger log = LoggerFactory.getLogger(ChangeListener.class);

    /** The application_name of the listening connection in pg_stat_activity; unique per node. */
    private final String applicationName =
            "atoll-push-" + UUID.randomUUID().toString().substring(0, 8);

    private final DataSource dataSource;
    private final Waiters waiters;
    private final PushProperties properties;
    private final Counter reconnects;
    private final Counter notifications;
    private volatile boolean running;
    private volatile Thread thread;
    private volatile CountDownLatch listening = new CountDownLatch(1);

    ChangeListener(
            DataSource dataSource, Waiters waiters, PushProperties properties, ObjectProvider<MeterRegistry> meters) {
        this.dataSource = dataSource;
        this.waiters = waiters;
        this.properties = properties;
        MeterRegistry registry = meters.getIfAvailable(SimpleMeterRegistry::new);
        this.reconnects = Counter.builder("atoll.push.listen.reconnects")
                .description("Times the connection listening for changes failed and was opened again")
                .register(registry);
        this.notifications = Counter.builder("atoll.push.notifications")
                .description("Change notifications received on this node")
                .register(registry);
    }

    public String applicationName() {
        return applicationName;
    }

    /** Waits until the connection listens (again); for start-up and tests. */
    public boolean awaitListening(long timeout, TimeUnit unit) throws InterruptedException {
        return listening.await(timeout, unit);
    }

    @Override
    public void start() {
        running = true;
        thread = Thread.ofVirtual().name("atoll-push-listener").start(this::run);
    }

    @Override
    public void stop() {
        running = false;
        Thread listener = thread;
        if (listener != null) {
            listener.interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void run() {
        while (running) {
            try (Connection connection = open()) {
                PGConnection pg = connection.unwrap(PGConnection.class);
                try (Statement statement = connection.createStatement()) {
                    statement.execute("LISTEN " + Channels.MAILBOX);
                    statement.execute("LISTEN " + Channels.DEVICE);
                }
                listening.countDown();
                waiters.wakeAll();
                while (running) {
                    PGNotification[] notifications = pg.getNotifications(POLL_MILLIS);
                    if (notifications == null || notifications.length == 0) {
                        try (Statement probe = connection.createStatement()) {
                            probe.execute("SELECT 1");
                        }
                        continue;
                    }
                    this.notifications.increment(notifications.length);
                    for (PGNotification notification : notifications) {
                        dispatch(notification);
                    }
                }
            } catch (SQLException e) {
                if (!running) {
                    return;
                }
                if (listening.getCount() == 0) {
                    listening = new CountDownLatch(1);
                }
                reconnects.increment();
                log.warn(
                        "The connection listening for mailbox changes failed (SQL state {}); reconnecting",
                        e.getSQLState());
                try {
                    Thread.sleep(properties.reconnectDelay());
                } catch (InterruptedException interrupted) {
                    return;
                }
            }
        }
    }

    private void dispatch(PGNotification notification) {
        String[] parts = notification.getParameter().split(" ");
        try {
            if (Channels.MAILBOX.equals(notification.getName()) && parts.length == 1) {
                waiters.wake(Long.parseLong(parts[0]));
            } else if (Channels.DEVICE.equals(notification.getName()) && parts.length == 3) {
                waiters.supersede(Long.parseLong(parts[0]), Long.parseLong(parts[1]), Long.parseLong(parts[2]));
            }
        } catch (NumberFormatException e) {
            log.warn("Ignoring a malformed notification on {}", notification.getName());
        }
    }

    /** A connection of its own, with the pool's settings when the pool is Hikari's. */
    private Connection open() throws SQLException {
        if (dataSource.isWrapperFor(HikariDataSource.class)) {
            HikariDataSource hikari = dataSource.unwrap(HikariDataSource.class);
            Properties settings = new Properties();
            settings.putAll(hikari.getDataSourceProperties());
            if (hikari.getUsername() != null) {
                settings.setProperty("user", hikari.getUsername());
            }
            if (hikari.getPassword() != null) {
                settings.setProperty("password", hikari.getPassword());
            }
            settings.setProperty("ApplicationName", applicationName);
            settings.setProperty("tcpKeepAlive", "true");
            return DriverManager.getConnection(hikari.getJdbcUrl(), settings);
        }
        return dataSource.getConnection();
    }
}
