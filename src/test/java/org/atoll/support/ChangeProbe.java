package org.atoll.support;

import jakarta.persistence.EntityManagerFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.atoll.mailbox.MailboxChanged;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.PayloadApplicationEvent;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Listens, while a piece of work runs, to one account's announced changes ({@link MailboxChanged}) inside the
 * transaction that makes them, and notes whether a transaction and a JPA session were open at each; told to, it makes
 * that transaction fail after the work's statements, at once or at its commit. What it saw accumulates over every
 * piece of work it watched.
 */
public final class ChangeProbe {

    /** Whether a transaction and a JPA session were open when the account's change was announced. */
    public record Seen(boolean inTransaction, boolean withEntityManager) {}

    private final ConfigurableApplicationContext context;
    private final EntityManagerFactory entityManagerFactory;
    private final long accountId;
    private final List<Seen> seen = new ArrayList<>();

    public ChangeProbe(
            ConfigurableApplicationContext context, EntityManagerFactory entityManagerFactory, long accountId) {
        this.context = context;
        this.entityManagerFactory = entityManagerFactory;
        this.accountId = accountId;
    }

    /** What was open at each of the account's announced changes, in order. */
    public List<Seen> seen() {
        return List.copyOf(seen);
    }

    /** Runs the work and notes what was open at each of its changes. */
    public <T> T watching(Supplier<T> work) {
        return listening(() -> {}, work);
    }

    /** Runs the work; a change of it throws an {@link IllegalStateException} with the message as it is announced. */
    public <T> T failingAtOnce(String message, Supplier<T> work) {
        return listening(
                () -> {
                    throw new IllegalStateException(message);
                },
                work);
    }

    /**
     * Runs the work; the transaction of its changes throws an {@link IllegalStateException} with the message as it
     * commits, after every statement of the work.
     */
    public <T> T failingAtCommit(String message, Supplier<T> work) {
        return listening(
                () -> TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                    @Override
                    public void beforeCommit(boolean readOnly) {
                        throw new IllegalStateException(message);
                    }
                }),
                work);
    }

    private <T> T listening(Runnable atChange, Supplier<T> work) {
        ApplicationListener<ApplicationEvent> listener = event -> {
            if (event instanceof PayloadApplicationEvent<?> payload
                    && payload.getPayload() instanceof MailboxChanged change
                    && change.accountId() == accountId) {
                seen.add(new Seen(
                        TransactionSynchronizationManager.isActualTransactionActive(),
                        TransactionSynchronizationManager.hasResource(entityManagerFactory)));
                atChange.run();
            }
        };
        context.addApplicationListener(listener);
        try {
            return work.get();
        } finally {
            context.removeApplicationListener(listener);
        }
    }
}
