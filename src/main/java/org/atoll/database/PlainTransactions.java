package org.atoll.database;

import java.util.function.Supplier;
import org.atoll.database.internal.PlainTransactionManager;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Transactions for work that runs only plain SQL through {@code JdbcClient}, such as a delivery or an Email Sync: a
 * JDBC transaction on a connection of the pool, without the Hibernate session a JPA transaction opens and flushes
 * around it. It commits the same way a JPA transaction does (the connection's own commit, synchronous as the database
 * is configured), rolls back on any runtime exception, and the events published inside it reach their listeners
 * inside it, as they do in a JPA transaction.
 *
 * <p>The transaction manager ({@link PlainTransactionManager}) is not a bean: Spring Boot keeps its JPA transaction
 * manager the context's only one only while no other is declared. Work called while a transaction is already open
 * (JPA or plain) joins it instead of starting one of its own: this manager would take the open JPA transaction's
 * connection for its own and commit it early. Nothing inside may call a JPA repository: with the connection bound
 * here, JPA would refuse to begin. A {@code @Transactional} method called inside takes part only with
 * {@code Propagation.SUPPORTS}: the JPA transaction manager does not see this transaction, so it would try to begin
 * one of its own (and {@code MANDATORY} would fail).
 */
@Component
public class PlainTransactions {

    private final TransactionTemplate template;

    PlainTransactions(PlainTransactionManager manager) {
        this.template = manager.template();
    }

    /** Runs the work in the caller's transaction when there is one, else in a plain JDBC transaction of its own. */
    public <T> T run(Supplier<T> work) {
        if (TransactionSynchronizationManager.isActualTransactionActive()) {
            return work.get();
        }
        return template.execute(status -> work.get());
    }
}
