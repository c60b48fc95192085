package org.atoll.database;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the embedded PostgreSQL that runs when no {@code spring.datasource.url} is configured.
 *
 * @param dataDir where the database files live ({@code atoll.data-dir}); they survive restarts
 * @param ephemeralDatabase delete the data directory when the server stops; for tests only
 * @param database how PostgreSQL itself runs ({@code atoll.database.*})
 */
@ConfigurationProperties("atoll")
record EmbeddedDatabaseProperties(
        @DefaultValue("./data") Path dataDir,
        boolean ephemeralDatabase,
        @DefaultValue Database database) {

    /** The system user PostgreSQL runs as when Atoll runs as root, unless another is named. */
    public static final String SYSTEM_USER = "atoll-postgres";

    /**
     * @param systemUser the operating-system user PostgreSQL runs as when Atoll runs as root, since PostgreSQL
     *     refuses root; created as a system user if missing
     */
    public record Database(@DefaultValue(SYSTEM_USER) String systemUser) {}
}
