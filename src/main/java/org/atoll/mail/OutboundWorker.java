package org.atoll.mail;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Runs the outbound queue on this node every {@code atoll.mail.outbound.poll-interval}, unless
 * {@code atoll.mail.outbound.worker-enabled} is false. Any number of nodes may run it at once.
 */
@Component
class OutboundWorker implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OutboundWorker.class);

    private final Deliveries deliveries;
    private final MailProperties properties;
    private @Nullable ScheduledExecutorService executor;

    OutboundWorker(Deliveries deliveries, MailProperties properties) {
        this.deliveries = deliveries;
        this.properties = properties;
    }

    @Override
    public synchronized void start() {
        if (!properties.outbound().workerEnabled() || executor != null) {
            return;
        }
        long interval = properties.outbound().pollInterval().toMillis();
        executor = Executors.newSingleThreadScheduledExecutor(
                Thread.ofVirtual().name("outbound-worker").factory());
        executor.scheduleWithFixedDelay(this::run, interval, interval, TimeUnit.MILLISECONDS);
    }

    private void run() {
        try {
            while (deliveries.runDue() == properties.outbound().batchSize()) {
                log.debug("A full batch of deliveries was worked off; taking the next at once");
            }
        } catch (RuntimeException e) {
            log.warn("The outbound queue could not be worked off; trying again later", e);
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
