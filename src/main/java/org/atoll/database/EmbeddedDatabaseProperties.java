package org.atoll.database;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the embedded PostgreSQL that runs when no {@code spring.datasource.url} is configured.
 *
 * @param dataDir where the database files live ({@code atoll.data-dir}); they survive restarts
 * @param ephemeralDatabase delete the data directory when the server stops; for tests only
 */
@ConfigurationProperties("atoll")
public record EmbeddedDatabaseProperties(
        @DefaultValue("./data") Path dataDir, boolean ephemeralDatabase) {}
