package org.atoll.database.internal;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.springframework.stereotype.Component;

/** The JDBC URL the application's connections go to, as the driver reports it. */
@Component
public class ConnectionUrl {

    private final DataSource dataSource;

    ConnectionUrl(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The URL without its query, where credentials may sit. */
    public String withoutQuery() throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            String url = connection.getMetaData().getURL();
            int query = url.indexOf('?');
            return query < 0 ? url : url.substring(0, query);
        }
    }
}
