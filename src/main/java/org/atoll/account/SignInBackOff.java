package org.atoll.account;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * Failed sign-ins per login and source address, and per source address alone. After the free failures, each
 * further failure closes sign-in for that pair (or that source) for a delay that doubles up to a maximum; entries
 * expire by themselves, so a back-off never becomes a permanent lockout. A success clears the pair, never the
 * source: an attacker's own account must not reset the count of a flood.
 */
final class SignInBackOff {

    private record Failures(int count, Instant closedUntil) {}

    /** What one failure changed: the delays now imposed, zero while failures are still free. */
    record Delays(Duration pair, Duration source) {}

    private final SignInProperties properties;
    private final Clock clock;
    private final Cache<String, Failures> pairs;
    private final Cache<String, Failures> sources;

    SignInBackOff(SignInProperties properties, Clock clock) {
        this.properties = properties;
        this.clock = clock;
        this.pairs = cache(properties);
        this.sources = cache(properties);
    }

    private static Cache<String, Failures> cache(SignInProperties properties) {
        return Caffeine.newBuilder()
                .maximumSize(100_000)
                .expireAfterWrite(properties.maxDelay().multipliedBy(2))
                .build();
    }

    /** Whether the pair may try now. */
    boolean isOpen(String login, String source) {
        return isOpen(pairs.getIfPresent(key(login, source)));
    }

    /** Whether the source may try now, whatever the login. */
    boolean isOpen(String source) {
        return isOpen(sources.getIfPresent(source));
    }

    private boolean isOpen(@Nullable Failures current) {
        return current == null || !clock.instant().isBefore(current.closedUntil());
    }

    /** Counts one failure of the pair, and of its source. */
    Delays failed(String login, String source) {
        return new Delays(count(pairs, key(login, source), properties.freeFailures()), failed(source));
    }

    /** Counts one failure of the source alone, for a login that could name no account. */
    Duration failed(String source) {
        return count(sources, source, properties.freeFailuresPerSource());
    }

    void succeeded(String login, String source) {
        pairs.invalidate(key(login, source));
    }

    private Duration count(Cache<String, Failures> cache, String key, int free) {
        Instant now = clock.instant();
        Failures next = cache.asMap().compute(key, (k, current) -> {
            int count = current == null ? 1 : current.count() + 1;
            return new Failures(count, now.plus(delayAfter(count, free)));
        });
        return Duration.between(now, next.closedUntil());
    }

    private Duration delayAfter(int count, int free) {
        int beyond = count - free;
        if (beyond <= 0) {
            return Duration.ZERO;
        }
        Duration delay = properties.firstDelay().multipliedBy(1L << Math.min(beyond - 1, 20));
        return delay.compareTo(properties.maxDelay()) > 0 ? properties.maxDelay() : delay;
    }

    private static String key(String login, String source) {
        return login + '\n' + source;
    }
}
