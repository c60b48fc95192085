package org.atoll.mail;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Function;
import org.atoll.account.Accounts;
import org.atoll.mail.internal.OutboundQueue;
import org.atoll.mail.internal.OutboundRow;
import org.atoll.mailbox.Invitations;
import org.atoll.mailbox.MailboxException;
import org.atoll.mailbox.MailboxNotFound;
import org.atoll.mailbox.QuotaExceeded;
import org.atoll.shared.CrashPoint;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Works off the outbound queue, one row per transaction. A local delivery stores the message and deletes its row in
 * one transaction, so it happens exactly once; a smarthost attempt holds its row's lock while it talks SMTP, so no
 * other node tries the same row meanwhile. A temporary failure waits by an exponential back-off; a permanent one
 * (a 5xx reply, a full or missing mailbox, or too many attempts) turns the row into a non-delivery report queued for
 * the sender's Inbox. A report that cannot be delivered is dropped, never reported on.
 */
@Component
public class Deliveries {

    private static final Logger log = LoggerFactory.getLogger(Deliveries.class);

    private final OutboundQueue queue;
    private final Invitations inboxes;
    private final Accounts accounts;
    private final SmtpRelay relay;
    private final NonDeliveryReports reports;
    private final MailProperties properties;
    private final TransactionTemplate transaction;
    private final Clock clock;
    private final DeliveryMeter deliveryMeter;
    private final OutOfOffice outOfOffice;

    Deliveries(
            OutboundQueue queue,
            Invitations inboxes,
            Accounts accounts,
            SmtpRelay relay,
            NonDeliveryReports reports,
            MailProperties properties,
            PlatformTransactionManager transactions,
            Clock clock,
            DeliveryMeter deliveryMeter,
            OutOfOffice outOfOffice,
            ObjectProvider<MeterRegistry> meters) {
        this.deliveryMeter = deliveryMeter;
        this.outOfOffice = outOfOffice;
        MeterRegistry registry = meters.getIfAvailable(SimpleMeterRegistry::new);
        Gauge.builder("atoll.mail.outbound.depth", queue, q -> depth(backlog(q)))
                .description("Deliveries waiting in the outbound queue (all nodes)")
                .register(registry);
        Gauge.builder("atoll.mail.outbound.oldest", queue, q -> oldestAge(backlog(q)))
                .description("Seconds the oldest delivery has waited in the outbound queue")
                .baseUnit("seconds")
                .register(registry);
        this.queue = queue;
        this.inboxes = inboxes;
        this.accounts = accounts;
        this.relay = relay;
        this.reports = reports;
        this.properties = properties;
        this.transaction = new TransactionTemplate(transactions);
        this.clock = clock;
    }

    /**
     * Works off due rows until none is left or a batch is done.
     *
     * @return how many rows were worked on
     */
    public int runDue() {
        int worked = 0;
        while (worked < properties.outbound().batchSize()
                && attempt(q -> q.claimNextDue(clock.instant())).isPresent()) {
            worked++;
        }
        return worked;
    }

    /** Delivers one row right away (a local delivery just queued); a row another worker holds is left to it. */
    void deliverNow(long accountId, long id) {
        attempt(q -> q.claim(accountId, id));
    }

    private Optional<OutboundRow> attempt(Function<OutboundQueue, Optional<OutboundRow>> claim) {
        AtomicReference<@Nullable OutboundRow> claimed = new AtomicReference<>();
        try {
            Optional<OutboundRow> worked = Optional.ofNullable(transaction.execute(status -> {
                OutboundRow row = claim.apply(queue).orElse(null);
                if (row == null) {
                    return null;
                }
                claimed.set(row);
                if (row.route() == OutboundRow.Route.LOCAL) {
                    deliverLocally(row);
                    queue.delete(row);
                } else {
                    relay(row);
                }
                return row;
            }));
            worked.ifPresent(this::count);
            worked.filter(row -> row.route() == OutboundRow.Route.LOCAL).ifPresent(this::answerIfAway);
            return worked;
        } catch (MailboxException e) {
            OutboundRow row = claimed.get();
            if (row == null) {
                throw e;
            }
            afterwards(
                    row,
                    locked -> failPermanently(locked, Map.of(locked.recipients().getFirst(), describe(e))));
            return Optional.of(row);
        } catch (RuntimeException e) {
            OutboundRow row = claimed.get();
            if (row == null) {
                throw e;
            }
            log.warn("Delivery {} of account {} failed; it will be tried again", row.id(), row.accountId(), e);
            Map<String, String> temporary = new LinkedHashMap<>();
            row.recipients()
                    .forEach(r -> temporary.put(
                            r, "temporary failure: " + e.getClass().getSimpleName()));
            afterwards(row, locked -> failTemporarily(locked, temporary));
            return Optional.of(row);
        }
    }

    /**
     * A message delivered here may owe its sender an automatic reply, sent after the delivery committed so that a
     * delivery rolled back answers nobody.
     */
    private void answerIfAway(OutboundRow row) {
        accounts.idOf(row.recipients().getFirst())
                .ifPresent(accountId -> outOfOffice.received(accountId, row.sender(), row.content()));
    }

    /** Counts a row worked off without a failure: a delivery to a mailbox here or a hand-over to the smarthost. */
    private void count(OutboundRow row) {
        deliveryMeter.delivered(row.route().name().toLowerCase(Locale.ROOT), row.content().length);
    }

    /** The queue as it stands, or nothing when the database cannot tell (the gauges then read NaN). */
    private static OutboundQueue.@Nullable Backlog backlog(OutboundQueue queue) {
        try {
            return queue.backlog();
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static double depth(OutboundQueue.@Nullable Backlog backlog) {
        return backlog == null ? Double.NaN : backlog.depth();
    }

    private double oldestAge(OutboundQueue.@Nullable Backlog backlog) {
        if (backlog == null) {
            return Double.NaN;
        }
        Instant oldest = backlog.oldest();
        return oldest == null
                ? 0
                : Math.max(0, Duration.between(oldest, clock.instant()).toMillis() / 1000.0);
    }

    /** Takes the row again in a fresh transaction, after the one that failed on it was rolled back. */
    private void afterwards(OutboundRow row, Consumer<OutboundRow> action) {
        transaction.executeWithoutResult(
                status -> queue.claim(row.accountId(), row.id()).ifPresent(action));
    }

    private void deliverLocally(OutboundRow row) {
        String recipient = row.recipients().getFirst();
        long accountId = accounts.idOf(recipient).orElseThrow(() -> new MailboxNotFound(row.accountId()));
        inboxes.deliver(accountId, recipient, row.content(), clock.instant());
    }

    private void relay(OutboundRow row) {
        SmtpRelay.Result result = relay.send(row.sender(), row.recipients(), row.content());
        CrashPoint.reached(CrashPoint.OUTBOUND_HANDED_OVER);
        if (!result.permanent().isEmpty()) {
            reportOn(row, result.permanent());
        }
        if (result.temporary().isEmpty()) {
            queue.delete(row);
        } else {
            failTemporarily(row, result.temporary());
        }
    }

    private void failTemporarily(OutboundRow row, Map<String, String> failures) {
        int attempts = row.attempts() + 1;
        if (attempts >= properties.outbound().maxAttempts()) {
            Map<String, String> expired = new LinkedHashMap<>();
            failures.forEach((r, why) -> expired.put(r, why + "; gave up after " + attempts + " attempts"));
            failPermanently(row, expired);
            return;
        }
        Duration wait = backOff(attempts);
        String error = String.join("; ", failures.values().stream().distinct().toList());
        queue.reschedule(
                row, new ArrayList<>(failures.keySet()), clock.instant().plus(wait), error);
        log.info(
                "Delivery {} of account {}: attempt {} failed ({}); next in {}",
                row.id(),
                row.accountId(),
                attempts,
                error,
                wait);
    }

    /** Doubles from the first retry up to the longest wait. */
    Duration backOff(int attempts) {
        Duration first = properties.outbound().firstRetry();
        Duration max = properties.outbound().maxRetry();
        int doublings = Math.min(attempts - 1, 30);
        Duration wait = first.multipliedBy(1L << doublings);
        return wait.compareTo(max) > 0 ? max : wait;
    }

    private void failPermanently(OutboundRow row, Map<String, String> failures) {
        queue.delete(row);
        reportOn(row, failures);
    }

    private void reportOn(OutboundRow row, Map<String, String> failures) {
        if (row.sender().isEmpty()) {
            log.warn("A non-delivery report for account {} could not be delivered and is dropped", row.accountId());
            return;
        }
        log.info("Delivery {} of account {} failed for good: {}", row.id(), row.accountId(), failures.values());
        byte[] report = reports.build(row.sender(), failures, row.content());
        queue.add(row.accountId(), OutboundRow.Route.LOCAL, "", List.of(row.sender()), report, clock.instant());
    }

    private static String describe(MailboxException e) {
        return switch (e) {
            case QuotaExceeded _ -> "552 5.2.2 the recipient's mailbox is full";
            case MailboxNotFound _ -> "550 5.1.1 the recipient has no mailbox here";
            default -> "554 5.3.4 the recipient's mailbox refused the message";
        };
    }
}
