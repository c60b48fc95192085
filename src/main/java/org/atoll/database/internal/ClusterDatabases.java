package org.atoll.database.internal;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/** The databases of a PostgreSQL cluster, as its superuser sees them. */
public final class ClusterDatabases {

    private ClusterDatabases() {}

    /**
     * Creates {@code database} unless the cluster has it.
     *
     * @param maintenanceUrl the JDBC URL of the cluster's {@code postgres} database, as its superuser
     * @param database a name of letters and digits, written into the statement as it is
     */
    public static void createIfMissing(String maintenanceUrl, String database) {
        try (Connection connection = DriverManager.getConnection(maintenanceUrl);
                var exists = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            exists.setString(1, database);
            try (var rows = exists.executeQuery()) {
                if (!rows.next()) {
                    try (var create = connection.createStatement()) {
                        create.execute("CREATE DATABASE " + database);
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create the database " + database, e);
        }
    }
}
