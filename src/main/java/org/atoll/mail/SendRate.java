package org.atoll.mail;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.TimeMeter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Each account's send allowance ({@link MailProperties.SendLimits}) as two token buckets, one of messages per minute
 * and one of recipients per hour, held in this node's memory. Buckets refill evenly; one that was left alone for its
 * whole period is full again, so an account idle for an hour needs no entry and its entry is dropped.
 */
@Component
class SendRate {

    private static final Duration MESSAGE_PERIOD = Duration.ofMinutes(1);
    private static final Duration RECIPIENT_PERIOD = Duration.ofHours(1);

    private final MailProperties.SendLimits limits;
    private final TimeMeter time;
    private final Cache<Long, Allowance> allowances;

    SendRate(MailProperties properties, Clock clock) {
        this.limits = properties.sendLimits();
        this.time = new ClockTime(clock);
        this.allowances = Caffeine.newBuilder()
                .expireAfterAccess(RECIPIENT_PERIOD.plus(MESSAGE_PERIOD))
                .build();
    }

    /**
     * Takes one message to this many recipients from the account's allowance.
     *
     * @throws SendQuotaExceeded when either allowance is used up; then nothing was taken
     */
    void take(long accountId, int recipients) {
        Allowance allowance = allowances.get(
                accountId,
                id -> new Allowance(
                        bucket(limits.messagesPerMinute(), MESSAGE_PERIOD),
                        bucket(limits.recipientsPerHour(), RECIPIENT_PERIOD)));
        if (allowance.messages() != null && !allowance.messages().tryConsume(1)) {
            throw new SendQuotaExceeded(
                    "The account sent " + limits.messagesPerMinute() + " messages in the last minute");
        }
        if (allowance.recipients() != null && !allowance.recipients().tryConsume(recipients)) {
            if (allowance.messages() != null) {
                allowance.messages().addTokens(1);
            }
            throw new SendQuotaExceeded("The message's " + recipients + " recipients exceed the account's "
                    + limits.recipientsPerHour() + " recipients per hour");
        }
    }

    /** Gives back what {@link #take} took, for a submission that then failed and sent nothing. */
    void giveBack(long accountId, int recipients) {
        Allowance allowance = allowances.getIfPresent(accountId);
        if (allowance == null) {
            return;
        }
        if (allowance.messages() != null) {
            allowance.messages().addTokens(1);
        }
        if (allowance.recipients() != null) {
            allowance.recipients().addTokens(recipients);
        }
    }

    private @Nullable Bucket bucket(int perPeriod, Duration period) {
        if (perPeriod == 0) {
            return null;
        }
        return Bucket.builder()
                .addLimit(limit -> limit.capacity(perPeriod).refillGreedy(perPeriod, period))
                .withCustomTimePrecision(time)
                .build();
    }

    private record Allowance(
            @Nullable Bucket messages, @Nullable Bucket recipients) {}

    /** The server's clock as Bucket4j's time, so the buckets follow the same time as everything else. */
    private record ClockTime(Clock clock) implements TimeMeter {

        @Override
        public long currentTimeNanos() {
            Instant now = clock.instant();
            return now.getEpochSecond() * 1_000_000_000L + now.getNano();
        }

        @Override
        public boolean isWallClockBased() {
            return true;
        }
    }
}
