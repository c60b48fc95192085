package org.atoll.database;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * Admission before the database pool: at most {@link #size()} pieces of database work run at once on this node, and
 * the rest wait for a slot in arrival order (a fair semaphore: first come, first served). Work that may be refused
 * (a device's request) waits at most {@link #maxWait()} and is then refused with {@link AdmissionTimedOut}, so that a
 * busy node answers at once instead of letting requests queue for the pool until they time out; background work that
 * has nobody to answer (a check of parked requests after a wake-up) waits for its turn in the same queue.
 *
 * <p>A thread that holds a slot runs nested work in it without queueing again. Each piece of work is timed twice,
 * tagged with its purpose: the wait for a slot ({@code atoll.admission.wait}) and the work in it
 * ({@code atoll.admission.work}); refusals are counted ({@code atoll.admission.refused}).
 */
public final class DatabaseAdmission {

    private final int size;
    private final Duration maxWait;
    private final Semaphore slots;
    private final MeterRegistry registry;
    private final Map<String, Meters> meters = new ConcurrentHashMap<>();
    private final ThreadLocal<@Nullable Slot> held = new ThreadLocal<>();

    /**
     * @param size how many pieces of work run at once
     * @param maxWait how long work that may be refused waits for a slot
     */
    public DatabaseAdmission(int size, Duration maxWait, MeterRegistry registry) {
        if (size < 1) {
            throw new IllegalArgumentException("Admission needs at least one slot, not " + size);
        }
        if (maxWait.isNegative()) {
            throw new IllegalArgumentException("The wait for admission cannot be negative: " + maxWait);
        }
        this.size = size;
        this.maxWait = maxWait;
        this.slots = new Semaphore(size, true);
        this.registry = registry;
        Gauge.builder("atoll.admission.in-use", this, DatabaseAdmission::inUse)
                .description("Slots of database work in use on this node")
                .register(registry);
        Gauge.builder("atoll.admission.waiting", this, DatabaseAdmission::waiting)
                .description("Pieces of database work waiting for a slot on this node")
                .register(registry);
    }

    /**
     * Takes a slot for work that may be refused, waiting at most {@link #maxWait()} behind those that came first;
     * returns at once, with nothing to release, when this thread already holds one.
     *
     * @param purpose what the work is, the {@code purpose} tag of the metrics (a fixed word, not a request value)
     * @throws AdmissionTimedOut when no slot came free in time; nothing was run
     */
    public Slot enter(String purpose) {
        return enter(purpose, true);
    }

    /**
     * Takes a slot for background work, waiting as long as it takes behind those that came first; returns at once
     * when this thread already holds one.
     */
    public Slot enterWhenFree(String purpose) {
        return enter(purpose, false);
    }

    private Slot enter(String purpose, boolean bounded) {
        if (held.get() != null) {
            return Slot.NESTED;
        }
        Meters meters = this.meters.computeIfAbsent(purpose, this::meters);
        long start = System.nanoTime();
        boolean admitted;
        if (bounded) {
            try {
                admitted = slots.tryAcquire(maxWait.toNanos(), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                admitted = false;
            }
        } else {
            slots.acquireUninterruptibly();
            admitted = true;
        }
        long now = System.nanoTime();
        meters.waited.record(now - start, TimeUnit.NANOSECONDS);
        if (!admitted) {
            meters.refused.increment();
            throw new AdmissionTimedOut(maxWait);
        }
        Slot slot = new Slot(this, meters.worked, now);
        held.set(slot);
        return slot;
    }

    /** How many pieces of work run at once. */
    public int size() {
        return size;
    }

    /** How long work that may be refused waits for a slot. */
    public Duration maxWait() {
        return maxWait;
    }

    /** Slots in use now. */
    public int inUse() {
        return size - slots.availablePermits();
    }

    /** Pieces of work waiting for a slot now (an estimate while they come and go). */
    public int waiting() {
        return slots.getQueueLength();
    }

    private Meters meters(String purpose) {
        return new Meters(
                Timer.builder("atoll.admission.wait")
                        .description("Time database work waited for a slot, refused work included")
                        .tag("purpose", purpose)
                        .publishPercentileHistogram()
                        .register(registry),
                Timer.builder("atoll.admission.work")
                        .description("Time database work held its slot")
                        .tag("purpose", purpose)
                        .publishPercentileHistogram()
                        .register(registry),
                Counter.builder("atoll.admission.refused")
                        .description("Database work refused because no slot came free in time")
                        .tag("purpose", purpose)
                        .register(registry));
    }

    private record Meters(Timer waited, Timer worked, Counter refused) {}

    /** A slot held by the current thread until closed; closing a nested one does nothing. */
    public static final class Slot implements AutoCloseable {

        static final Slot NESTED = new Slot(null, null, 0);

        private final @Nullable DatabaseAdmission admission;
        private final @Nullable Timer work;
        private final long admittedAt;
        private boolean closed;

        private Slot(@Nullable DatabaseAdmission admission, @Nullable Timer work, long admittedAt) {
            this.admission = admission;
            this.work = work;
            this.admittedAt = admittedAt;
        }

        @Override
        public void close() {
            if (admission == null || work == null || closed) {
                return;
            }
            closed = true;
            admission.held.remove();
            admission.slots.release();
            work.record(System.nanoTime() - admittedAt, TimeUnit.NANOSECONDS);
        }
    }
}
