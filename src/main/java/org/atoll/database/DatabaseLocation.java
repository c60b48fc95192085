package org.atoll.database;

import java.sql.SQLException;
import org.atoll.database.internal.ConnectionUrl;
import org.springframework.stereotype.Component;

/** Which database the application uses, for an administrator to read. */
@Component
public class DatabaseLocation {

    private final ConnectionUrl connectionUrl;

    DatabaseLocation(ConnectionUrl connectionUrl) {
        this.connectionUrl = connectionUrl;
    }

    /** The database's JDBC URL without its query, where credentials may sit; asks a connection. */
    public String url() throws SQLException {
        return connectionUrl.withoutQuery();
    }
}
