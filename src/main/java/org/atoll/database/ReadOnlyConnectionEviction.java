package org.atoll.database;

import com.zaxxer.hikari.SQLExceptionOverride;
import java.sql.SQLException;

/**
 * Retires a pooled connection whose transaction the database refused as read-only (SQLSTATE 25006). A session keeps
 * the read-only default it started with: after a failover that briefly pointed the pool at a standby, or an
 * operator's {@code default_transaction_read_only} that has since been lifted, such a connection would refuse every
 * write until its lifetime ran out, while a fresh one writes. Every other failure is left to the pool's own rules
 * (it already retires connections that broke or whose server shut down).
 *
 * <p>Named by {@code spring.datasource.hikari.exception-override-class-name}; the pool creates it by reflection.
 */
public final class ReadOnlyConnectionEviction implements SQLExceptionOverride {

    static final String READ_ONLY_SQL_TRANSACTION = "25006";

    @java.lang.Override
    public Override adjudicate(SQLException failure) {
        for (SQLException e = failure; e != null; e = e.getNextException()) {
            if (READ_ONLY_SQL_TRANSACTION.equals(e.getSQLState())) {
                return Override.MUST_EVICT;
            }
        }
        return Override.CONTINUE_EVICT;
    }
}
