package org.atoll.retention;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Runs the retention job every {@code atoll.retention.interval} on this node, unless {@code atoll.retention.enabled}
 * is false. Every node may run it: the job's lock lets one run at a time.
 */
@Component
class RetentionWorker implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(RetentionWorker.class);

    private final Retention retention;
    private final RetentionProperties properties;
    private @Nullable ScheduledExecutorService executor;

    RetentionWorker(Retention retention, RetentionProperties properties) {
        this.retention = retention;
        this.properties = properties;
    }

    @Override
    public synchronized void start() {
        if (!properties.enabled() || executor != null) {
            return;
        }
        long interval = properties.interval().toMillis();
        executor = Executors.newSingleThreadScheduledExecutor(
                Thread.ofVirtual().name("retention").factory());
        executor.scheduleWithFixedDelay(this::run, interval, interval, TimeUnit.MILLISECONDS);
    }

    private void run() {
        try {
            retention.run();
        } catch (RuntimeException e) {
            log.warn("The retention job failed; it runs again in {}", properties.interval(), e);
        }
    }

    @Override
    public synchronized void stop() {
        if (executor != null) {
            executor.shutdownNow();
            try {
                executor.awaitTermination(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            executor = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return executor != null;
    }
}
