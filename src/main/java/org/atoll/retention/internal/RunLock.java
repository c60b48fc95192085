package org.atoll.retention.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import javax.sql.DataSource;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * A PostgreSQL session advisory lock held on a connection of its own, so that one run of a job goes at a time across
 * nodes; the lock goes with that connection, so a node that dies mid-run leaves nothing to clean up.
 */
@Component
public class RunLock {

    private final DataSource dataSource;
    private final JdbcClient jdbc;

    RunLock(DataSource dataSource, JdbcClient jdbc) {
        this.dataSource = dataSource;
        this.jdbc = jdbc;
    }

    /** The lock, held until closed. */
    public static final class Held implements AutoCloseable {

        private final Connection connection;
        private final long key;

        private Held(Connection connection, long key) {
            this.connection = connection;
            this.key = key;
        }

        /** Gives the lock back and closes its connection. */
        @Override
        public void close() {
            try (connection) {
                advisory(connection, "SELECT pg_advisory_unlock(?)", key);
            } catch (SQLException e) {
                throw new DataAccessResourceFailureException(
                        "The advisory lock " + key + " could not be given back", e);
            }
        }
    }

    /** Takes the lock unless a session somewhere holds it; empty at once when one does. */
    public Optional<Held> tryTake(long key) {
        Connection connection = null;
        try {
            connection = dataSource.getConnection();
            if (advisory(connection, "SELECT pg_try_advisory_lock(?)", key)) {
                return Optional.of(new Held(connection, key));
            }
            connection.close();
            return Optional.empty();
        } catch (SQLException e) {
            if (connection != null) {
                try {
                    connection.close();
                } catch (SQLException closing) {
                    e.addSuppressed(closing);
                }
            }
            throw new DataAccessResourceFailureException("The advisory lock " + key + " could not be taken", e);
        }
    }

    /** Makes a statement of the current transaction give up after waiting this long for a row lock. */
    public void limitLockWaits(int seconds) {
        jdbc.sql("SET LOCAL lock_timeout = '" + seconds + "s'").update();
    }

    private static boolean advisory(Connection connection, String sql, long key) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setLong(1, key);
            try (ResultSet result = statement.executeQuery()) {
                return result.next() && result.getBoolean(1);
            }
        }
    }
}
