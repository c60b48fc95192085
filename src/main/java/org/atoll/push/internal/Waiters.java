package org.atoll.push.internal;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.atoll.database.DatabaseAdmission;
import org.atoll.push.BatchCheck;
import org.atoll.push.PushProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The requests parked on this node, by account and by device. A parked request holds no thread: it is one object,
 * the future of its answer, with its deadline and the key of its check. One sweep of the registry, every second at
 * most (a quarter of the shortest heartbeat when that is less), ends those whose deadline passed, so no timer entry
 * is kept per request. A wake-up for an account checks that account's waiters on virtual threads, those that share
 * a {@link BatchCheck} together, {@link BatchCheck#batchSize()} at a time, with at most
 * {@link PushProperties#concurrentChecks()} batches at once. A wake-up that arrives while a waiter's check runs
 * makes it run again, so none is lost; a waiter's check never runs twice at once.
 */
@Component
public class Waiters implements SmartLifecycle, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Waiters.class);

    /** The purpose tag of the database slot a check after a wake-up runs in. */
    private static final String CHECK = "parked-check";

    private final ConcurrentHashMap<Long, Account> byAccount = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Long, Waiter<?, ?>> byDevice = new ConcurrentHashMap<>();
    private final ExecutorService checks = Executors.newVirtualThreadPerTaskExecutor();
    private final ScheduledThreadPoolExecutor timer;
    private final long sweepMillis;
    private final Semaphore permits;
    private final PushDevices devices;
    private final DatabaseAdmission admission;
    private final Timer wakeUps;
    private volatile boolean running;

    Waiters(
            PushProperties properties,
            PushDevices devices,
            DatabaseAdmission admission,
            ObjectProvider<MeterRegistry> meters) {
        this.devices = devices;
        this.admission = admission;
        this.permits = new Semaphore(properties.concurrentChecks());
        this.timer = new ScheduledThreadPoolExecutor(
                1, Thread.ofPlatform().name("atoll-push-timer").daemon(true).factory());
        this.sweepMillis = Math.clamp(properties.minHeartbeat().toMillis() / 4, 50, 1000);
        this.timer.scheduleWithFixedDelay(this::endExpired, sweepMillis, sweepMillis, TimeUnit.MILLISECONDS);
        MeterRegistry registry = meters.getIfAvailable(SimpleMeterRegistry::new);
        Gauge.builder("atoll.push.parked", byDevice, ConcurrentHashMap::size)
                .description("Requests parked on this node (Ping and hanging Sync)")
                .register(registry);
        this.wakeUps = Timer.builder("atoll.push.wake-up")
                .description("From the wake-up of a parked request to its answer, for those a wake-up answered")
                .register(registry);
    }

    /**
     * Parks a request: runs its check once at once, on the caller's thread, and again after every wake-up of the
     * account, until it yields a value, a newer request of the device takes over (its generation is higher) or the
     * interval runs out; the last two complete the future with {@code ended}. A newer request of the same device
     * parked on this node ends this one at once.
     *
     * @return the parked request itself: cancelling it gives the request up
     */
    public <K, T> CompletableFuture<T> park(
            long accountId, long devicePk, long generation, Duration interval, BatchCheck<K, T> check, K key, T ended) {
        Waiter<K, T> waiter = new Waiter<>(
                accountId, devicePk, generation, check, key, ended, System.nanoTime() + interval.toNanos());
        add(waiter);
        try {
            check.check(accountId, List.of(key)).getFirst().ifPresent(waiter::answer);
        } catch (RuntimeException e) {
            waiter.completeExceptionally(e);
            throw e;
        }
        if (waiter.release()) {
            schedule(accountId);
        }
        return waiter;
    }

    /** Ends every waiter whose deadline passed. */
    private void endExpired() {
        long now = System.nanoTime();
        for (Waiter<?, ?> waiter : byDevice.values()) {
            if (now - waiter.deadline >= 0) {
                waiter.end();
            }
        }
    }

    /** Re-checks the account's waiters on this node. */
    public void wake(long accountId) {
        Account account = byAccount.get(accountId);
        if (account != null) {
            account.waiters.forEach(Waiter::markPending);
            account.schedule();
        }
    }

    /** Re-checks every waiter on this node, after notifications may have been lost. */
    public void wakeAll() {
        byAccount.keySet().forEach(this::wake);
    }

    /** Ends the device's waiter on this node when a newer request of the device was parked anywhere. */
    public void supersede(long accountId, long devicePk, long generation) {
        Waiter<?, ?> waiter = byDevice.get(devicePk);
        if (waiter != null && waiter.accountId == accountId && waiter.generation < generation) {
            waiter.end();
        }
    }

    public boolean isParked(long accountId, long devicePk) {
        Waiter<?, ?> waiter = byDevice.get(devicePk);
        return waiter != null && waiter.accountId == accountId;
    }

    public int size() {
        return byDevice.size();
    }

    /** How many requests of the account are parked on this node. */
    public int parkedOf(long accountId) {
        Account account = byAccount.get(accountId);
        return account == null ? 0 : account.waiters.size();
    }

    /** Checks again the account's waiters marked pending, if it has any parked. */
    private void schedule(long accountId) {
        Account account = byAccount.get(accountId);
        if (account != null) {
            account.schedule();
        }
    }

    private void add(Waiter<?, ?> waiter) {
        Waiter<?, ?>[] displaced = new Waiter<?, ?>[1];
        byDevice.compute(waiter.devicePk, (key, old) -> {
            if (old != null && old.generation > waiter.generation) {
                displaced[0] = waiter;
                return old;
            }
            displaced[0] = old;
            return waiter;
        });
        if (displaced[0] != waiter) {
            byAccount.compute(waiter.accountId, (id, account) -> {
                Account kept = account != null ? account : new Account(id);
                kept.waiters.add(waiter);
                return kept;
            });
        }
        if (displaced[0] != null) {
            displaced[0].end();
        }
    }

    private void remove(Waiter<?, ?> waiter) {
        byDevice.remove(waiter.devicePk, waiter);
        byAccount.computeIfPresent(waiter.accountId, (id, account) -> {
            account.waiters.remove(waiter);
            return account.waiters.isEmpty() ? null : account;
        });
    }

    /**
     * Checks claimed waiters of one account that share one check: ends those a newer request took over, answers
     * those the check answers, and releases the rest. The reads run in a database slot ({@link DatabaseAdmission},
     * waiting their turn without a deadline); the answers go out after it is given back, so that a woken hanging Sync
     * takes a slot of its own.
     */
    private <K, T> void checkBatch(long accountId, BatchCheck<K, T> check, List<Waiter<K, T>> batch) {
        permits.acquireUninterruptibly();
        List<Waiter<K, T>> superseded = new ArrayList<>();
        try {
            List<Waiter<K, T>> current = new ArrayList<>(batch.size());
            List<Optional<T>> answers = List.of();
            try (DatabaseAdmission.Slot _ = admission.enterWhenFree(CHECK)) {
                Map<Long, Long> generations = devices.generations(
                        accountId, batch.stream().map(w -> w.devicePk).toList());
                for (Waiter<K, T> waiter : batch) {
                    (generations.getOrDefault(waiter.devicePk, 0L) == waiter.generation ? current : superseded)
                            .add(waiter);
                }
                if (!current.isEmpty()) {
                    answers = check.check(
                            accountId, current.stream().map(w -> w.key).toList());
                }
            }
            for (int i = 0; i < answers.size(); i++) {
                answers.get(i).ifPresent(current.get(i)::answer);
            }
        } catch (RuntimeException e) {
            log.warn("A check of parked requests failed; they stay parked: {}", e.toString());
        } finally {
            superseded.forEach(Waiter::end);
            permits.release();
            boolean again = false;
            for (Waiter<K, T> waiter : batch) {
                again |= waiter.release();
            }
            if (again) {
                schedule(accountId);
            }
        }
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

    /** An account's waiters, and whether a pass over them is wanted or under way. */
    private final class Account {
        final long id;
        final Set<Waiter<?, ?>> waiters = ConcurrentHashMap.newKeySet();
        private boolean pending;
        private boolean draining;

        Account(long id) {
            this.id = id;
        }

        /** Asks for a pass over the waiters marked pending; starts one unless one is under way. */
        void schedule() {
            synchronized (this) {
                pending = true;
                if (draining) {
                    return;
                }
                draining = true;
            }
            checks.execute(this::drain);
        }

        private void drain() {
            while (true) {
                synchronized (this) {
                    if (!pending) {
                        draining = false;
                        return;
                    }
                    pending = false;
                }
                Map<BatchCheck<?, ?>, List<Waiter<?, ?>>> byCheck = new IdentityHashMap<>();
                for (Waiter<?, ?> waiter : waiters) {
                    if (waiter.claim()) {
                        byCheck.computeIfAbsent(waiter.check, check -> new ArrayList<>())
                                .add(waiter);
                    }
                }
                byCheck.forEach(this::submit);
            }
        }

        @SuppressWarnings({"unchecked", "rawtypes"})
        private void submit(BatchCheck<?, ?> check, List<Waiter<?, ?>> claimed) {
            int size = Math.max(1, check.batchSize());
            for (int from = 0; from < claimed.size(); from += size) {
                List batch = claimed.subList(from, Math.min(claimed.size(), from + size));
                try {
                    checks.execute(() -> checkBatch(id, (BatchCheck) check, batch));
                } catch (RuntimeException e) {
                    batch.forEach(waiter -> ((Waiter<?, ?>) waiter).release());
                    throw e;
                }
            }
        }
    }

    /**
     * One parked request, and the future of its answer: one object per request, since thousands are parked at
     * once. {@code pending}: a wake-up came since its check last began; {@code checking}: a check of it runs now
     * (held by whoever claimed it). It leaves the registry before it completes, however it completes, so nobody who
     * has seen its answer finds it still parked.
     */
    private final class Waiter<K, T> extends CompletableFuture<T> {
        final long accountId;
        final long devicePk;
        final long generation;
        final BatchCheck<K, T> check;
        final K key;
        final T ended;
        final long deadline;
        private boolean pending;
        private boolean checking = true;
        private long wokenAt;

        Waiter(long accountId, long devicePk, long generation, BatchCheck<K, T> check, K key, T ended, long deadline) {
            this.accountId = accountId;
            this.devicePk = devicePk;
            this.generation = generation;
            this.check = check;
            this.key = key;
            this.ended = ended;
            this.deadline = deadline;
        }

        void end() {
            complete(ended);
        }

        void answer(T value) {
            long woken;
            synchronized (this) {
                woken = wokenAt;
            }
            if (complete(value) && woken != 0) {
                wakeUps.record(System.nanoTime() - woken, TimeUnit.NANOSECONDS);
            }
        }

        @Override
        public boolean complete(T value) {
            if (isDone()) {
                return false;
            }
            remove(this);
            return super.complete(value);
        }

        @Override
        public boolean completeExceptionally(Throwable failure) {
            remove(this);
            return super.completeExceptionally(failure);
        }

        @Override
        public boolean cancel(boolean mayInterruptIfRunning) {
            remove(this);
            return super.cancel(mayInterruptIfRunning);
        }

        /** Notes a wake-up; the latency of the answer counts from the first one since the request parked. */
        synchronized void markPending() {
            pending = true;
            if (wokenAt == 0) {
                wokenAt = System.nanoTime();
            }
        }

        /** Takes the waiter for a check when a wake-up is pending and no check of it runs. */
        synchronized boolean claim() {
            if (checking || !pending || isDone()) {
                return false;
            }
            pending = false;
            checking = true;
            return true;
        }

        /** Ends the claim; true when a wake-up came meanwhile, so the waiter must be checked again. */
        synchronized boolean release() {
            checking = false;
            return pending && !isDone();
        }
    }
}
