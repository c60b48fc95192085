package org.atoll.push;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.atoll.push.internal.PushDevices;
import org.atoll.push.internal.Waiters;
import org.springframework.stereotype.Service;

/**
 * Parks a device's request (Ping, hanging Sync) without holding a thread, until its check finds something to
 * answer. The check runs at once and again whenever a change of the account commits on any node; a newer parked
 * request of the same device, on any node, ends the older one.
 */
@Service
public class Parking {

    private final Waiters waiters;
    private final PushDevices devices;
    private final int maxParkedPerAccount;

    Parking(Waiters waiters, PushDevices devices, PushProperties properties) {
        this.waiters = waiters;
        this.devices = devices;
        this.maxParkedPerAccount = properties.maxParkedPerAccount();
    }

    /**
     * Refuses a request of a device that would take the account past {@link PushProperties#maxParkedPerAccount()}
     * requests parked on this node. A device that has one parked may always park again: the newer replaces it.
     *
     * @throws ParkedLimitReached when the account has as many parked as it may
     */
    public void ensureRoom(long accountId, long devicePk) {
        if (waiters.parkedOf(accountId) >= maxParkedPerAccount && !waiters.isParked(accountId, devicePk)) {
            throw new ParkedLimitReached(maxParkedPerAccount);
        }
    }

    /**
     * Parks a request whose check runs for it alone.
     *
     * @param check what to answer, or empty to keep waiting; it must change nothing when it answers empty
     * @return completes with the check's answer, or with empty when the interval ran out or a newer request of the
     *     device took over; cancelling it gives the request up
     * @throws ParkedLimitReached as {@link #ensureRoom}
     */
    public <T> CompletableFuture<Optional<T>> park(
            long accountId, long devicePk, Duration interval, Supplier<Optional<T>> check) {
        return park(accountId, devicePk, interval, new OneByOne<>(), check, Optional.empty());
    }

    /**
     * Parks a request whose check runs together with those of the account's other requests parked with the same
     * {@code check}: at once for this request alone, then for all of them after each wake-up.
     *
     * @param key what this request waits on; keep it small, it is held for as long as the request is parked
     * @param ended the value to complete with when the interval runs out or a newer request of the device takes
     *     over; one instance for all requests, so that a parked request keeps nothing of its own for it
     * @return completes with the check's answer or with {@code ended}; it is the parked request itself, so nothing
     *     is kept per request beyond it, and cancelling it gives the request up
     * @throws ParkedLimitReached as {@link #ensureRoom}
     */
    public <K, T> CompletableFuture<T> park(
            long accountId, long devicePk, Duration interval, BatchCheck<K, T> check, K key, T ended) {
        ensureRoom(accountId, devicePk);
        long generation = devices.nextGeneration(accountId, devicePk);
        return waiters.park(accountId, devicePk, generation, interval, check, key, ended);
    }

    /** Whether a request of the device is parked on this node. */
    public boolean isParked(long accountId, long devicePk) {
        return waiters.isParked(accountId, devicePk);
    }

    /** How many requests are parked on this node. */
    public int parked() {
        return waiters.size();
    }

    /**
     * How many devices have a Ping waiting now on any node, estimated from the database: those whose latest Ping
     * began less than its heartbeat ago.
     */
    public long waitingAcrossNodes() {
        return devices.waitingNow();
    }

    /** Runs each request's own check, one request per call; an answer completes the request with it, present. */
    private static final class OneByOne<T> implements BatchCheck<Supplier<Optional<T>>, Optional<T>> {

        @Override
        public List<Optional<Optional<T>>> check(long accountId, List<Supplier<Optional<T>>> keys) {
            return keys.stream().map(key -> key.get().map(Optional::of)).toList();
        }

        @Override
        public int batchSize() {
            return 1;
        }
    }
}
