package org.atoll.database.internal;

import javax.sql.DataSource;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The JDBC transaction manager behind {@link org.atoll.database.PlainTransactions}, over the pool's data source. It
 * is held here rather than declared as a bean: Spring Boot keeps its JPA transaction manager the context's only one
 * only while no other is declared.
 */
@Component
public class PlainTransactionManager {

    private final TransactionTemplate template;

    PlainTransactionManager(DataSource dataSource) {
        this.template = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
    }

    /** Runs work in a JDBC transaction of its own, rolled back on any runtime exception or error. */
    public TransactionTemplate template() {
        return template;
    }
}
