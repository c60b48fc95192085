package org.atoll.account;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Failed sign-ins per login and source address. After the free failures, each further failure closes sign-in for
 * that pair for a delay that doubles up to a maximum; entries expire by themselves, so a back-off never becomes a
 * permanent lockout, and a success clears the pair.
 */
final class SignInBackOff {

    private record Failures(int count, Instant closedUntil) {}

    private final SignInProperties properties;
    private final Clock clock;
    private final Cache<String, Failures> failures;

    SignInBackOff(SignInProperties properties, Clock clock) {
        this.properties = properties;
        this.clock = clock;
        this.failures = Caffeine.newBuilder()
                .maximumSize(100_000)
                .expireAfterWrite(properties.maxDelay().multipliedBy(2))
                .build();
    }

    /** Whether the pair may try now. */
    boolean isOpen(String login, String source) {
        Failures current = failures.getIfPresent(key(login, source));
        return current == null || !clock.instant().isBefore(current.closedUntil());
    }

    /** @return the delay now imposed, zero while failures are still free */
    Duration failed(String login, String source) {
        Instant now = clock.instant();
        Failures next = failures.asMap().compute(key(login, source), (key, current) -> {
            int count = current == null ? 1 : current.count() + 1;
            return new Failures(count, now.plus(delayAfter(count)));
        });
        return Duration.between(now, next.closedUntil());
    }

    void succeeded(String login, String source) {
        failures.invalidate(key(login, source));
    }

    private Duration delayAfter(int count) {
        int beyond = count - properties.freeFailures();
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
