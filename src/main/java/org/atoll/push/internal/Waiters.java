package org.atoll.push.internal;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.atoll.push.PushProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The requests parked on this node, by account and by device. A parked request holds no thread: it is a future, a
 * timer entry and a check. A wake-up for an account runs the checks of that account's waiters on virtual threads,
 * at most {@link PushProperties#concurrentChecks()} at a time, and a wake-up that arrives while a check runs makes
 * that check run again, so none is lost.
 */
@Component
public class Waiters implements SmartLifecycle, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Waiters.class);

    private record DeviceKey(long accountId, long devicePk) {}

    private final ConcurrentHashMap<Long, Set<Waiter<?>>> byAccount = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<DeviceKey, Waiter<?>> byDevice = new ConcurrentHashMap<>();
    private final ExecutorService checks = Executors.newVirtualThreadPerTaskExecutor();
    private final ScheduledThreadPoolExecutor timer;
    private final Semaphore permits;
    private volatile boolean running;

    Waiters(PushProperties properties, ObjectProvider<MeterRegistry> meters) {
        this.permits = new Semaphore(properties.concurrentChecks());
        this.timer = new ScheduledThreadPoolExecutor(
                1, Thread.ofPlatform().name("atoll-push-timer").daemon(true).factory());
        this.timer.setRemoveOnCancelPolicy(true);
        meters.ifAvailable(registry -> Gauge.builder("atoll.push.parked", byDevice, ConcurrentHashMap::size)
                .description("Requests parked on this node (Ping and hanging Sync)")
                .register(registry));
    }

    /**
     * Parks a request: runs the check once at once, on the caller's thread, and again after every wake-up of the
     * account, until it yields a value, {@code current} turns false (a newer request of the device took over) or
     * the interval runs out; the last two complete the future with empty. A newer request of the same device
     * parked on this node ends this one at once.
     */
    public <T> CompletableFuture<Optional<T>> park(
            long accountId,
            long devicePk,
            long generation,
            Duration interval,
            BooleanSupplier current,
            Supplier<Optional<T>> check) {
        Waiter<T> waiter = new Waiter<>(new DeviceKey(accountId, devicePk), generation, current, check);
        waiter.running.set(true);
        add(waiter);
        waiter.expiry = timer.schedule(waiter::end, interval.toMillis(), TimeUnit.MILLISECONDS);
        waiter.future.whenComplete((value, failure) -> remove(waiter));
        try {
            waiter.pending.set(true);
            waiter.runChecks(false);
        } catch (RuntimeException e) {
            waiter.future.completeExceptionally(e);
            throw e;
        }
        return waiter.future;
    }

    /** Re-checks the account's waiters on this node. */
    public void wake(long accountId) {
        Set<Waiter<?>> waiters = byAccount.get(accountId);
        if (waiters != null) {
            waiters.forEach(Waiter::wake);
        }
    }

    /** Re-checks every waiter on this node, after notifications may have been lost. */
    public void wakeAll() {
        byDevice.values().forEach(Waiter::wake);
    }

    /** Ends the device's waiter on this node when a newer request of the device was parked anywhere. */
    public void supersede(long accountId, long devicePk, long generation) {
        Waiter<?> waiter = byDevice.get(new DeviceKey(accountId, devicePk));
        if (waiter != null && waiter.generation < generation) {
            waiter.end();
        }
    }

    public boolean isParked(long accountId, long devicePk) {
        return byDevice.containsKey(new DeviceKey(accountId, devicePk));
    }

    public int size() {
        return byDevice.size();
    }

    private void add(Waiter<?> waiter) {
        Waiter<?>[] displaced = new Waiter<?>[1];
        byDevice.compute(waiter.key, (key, old) -> {
            if (old != null && old.generation > waiter.generation) {
                displaced[0] = waiter;
                return old;
            }
            displaced[0] = old;
            return waiter;
        });
        if (displaced[0] != waiter) {
            byAccount
                    .computeIfAbsent(waiter.key.accountId(), id -> ConcurrentHashMap.newKeySet())
                    .add(waiter);
        }
        if (displaced[0] != null) {
            displaced[0].end();
        }
    }

    private void remove(Waiter<?> waiter) {
        if (waiter.expiry != null) {
            waiter.expiry.cancel(false);
        }
        byDevice.remove(waiter.key, waiter);
        byAccount.computeIfPresent(waiter.key.accountId(), (id, set) -> {
            set.remove(waiter);
            return set.isEmpty() ? null : set;
        });
    }

    @Override
    public void start() {
        running = true;
    }

    /**
     * Ends every parked request before the web server's graceful shutdown waits for open requests: a Ping answers
     * Status 1 and the device asks again, reaching another node.
     */
    @Override
    public void stop() {
        running = false;
        byDevice.values().forEach(Waiter::end);
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public void close() {
        timer.shutdownNow();
        checks.shutdownNow();
        byDevice.values().forEach(Waiter::end);
    }

    private final class Waiter<T> {
        final DeviceKey key;
        final long generation;
        final BooleanSupplier current;
        final Supplier<Optional<T>> check;
        final CompletableFuture<Optional<T>> future = new CompletableFuture<>();
        final AtomicBoolean pending = new AtomicBoolean();
        final AtomicBoolean running = new AtomicBoolean();
        volatile ScheduledFuture<?> expiry;

        Waiter(DeviceKey key, long generation, BooleanSupplier current, Supplier<Optional<T>> check) {
            this.key = key;
            this.generation = generation;
            this.current = current;
            this.check = check;
        }

        void end() {
            future.complete(Optional.empty());
        }

        void wake() {
            pending.set(true);
            if (!future.isDone() && running.compareAndSet(false, true)) {
                checks.execute(() -> runChecks(true));
            }
        }

        /** Runs the check while wake-ups are pending; the caller holds {@code running}. */
        void runChecks(boolean throttled) {
            do {
                while (pending.getAndSet(false) && !future.isDone()) {
                    if (throttled) {
                        permits.acquireUninterruptibly();
                    }
                    try {
                        checkOnce();
                    } catch (RuntimeException e) {
                        if (!throttled) {
                            running.set(false);
                            throw e;
                        }
                        log.warn("A parked request's check failed; it stays parked: {}", e.toString());
                    } finally {
                        if (throttled) {
                            permits.release();
                        }
                    }
                }
                running.set(false);
            } while (pending.get() && !future.isDone() && running.compareAndSet(false, true));
        }

        private void checkOnce() {
            if (!current.getAsBoolean()) {
                end();
                return;
            }
            check.get().ifPresent(value -> future.complete(Optional.of(value)));
        }
    }
}
