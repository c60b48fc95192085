package org.atoll.reliability;

import com.zaxxer.hikari.HikariDataSource;
import javax.sql.DataSource;
import org.atoll.support.AtollProcess;

/** The PostgreSQL of the test's own server, which the server processes a test starts share. */
final class ReliabilityDatabase {

    private ReliabilityDatabase() {}

    static AtollProcess.Database of(DataSource dataSource) {
        HikariDataSource hikari = (HikariDataSource) dataSource;
        return new AtollProcess.Database(
                hikari.getJdbcUrl(), hikari.getUsername(), hikari.getPassword() == null ? "" : hikari.getPassword());
    }
}
