package org.atoll.database;

import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.atoll.database.internal.ClusterDatabases;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

/**
 * Starts PostgreSQL from the embedded binaries when no database URL is configured, so that a JDK is all a
 * newcomer needs, also as root (see {@link PostgresUser}). Its settings make an acknowledged write durable, so it
 * survives a restart.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(NoDatasourceUrlCondition.class)
class EmbeddedDatabaseConfiguration {

    static final String DATABASE = "atoll";
    private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabaseConfiguration.class);

    @Bean(destroyMethod = "close")
    PostgresServer embeddedPostgres(EmbeddedDatabaseProperties properties) throws IOException {
        Path pgData = properties.dataDir().toAbsolutePath().normalize().resolve("postgresql");
        log.info("Starting embedded PostgreSQL with its data in {}", pgData);
        PostgresServer postgres = PostgresServer.start(
                pgData,
                Map.of(
                        "synchronous_commit", "on",
                        "fsync", "on",
                        "full_page_writes", "on",
                        "listen_addresses", "127.0.0.1",
                        "max_connections", "200"),
                properties.ephemeralDatabase(),
                properties.database().systemUser());
        ClusterDatabases.createIfMissing(postgres.jdbcUrl("postgres"), DATABASE);
        return postgres;
    }

    @Bean
    @ConfigurationProperties("spring.datasource.hikari")
    HikariDataSource dataSource(PostgresServer postgres) {
        HikariDataSource dataSource = new HikariDataSource();
        dataSource.setJdbcUrl(postgres.jdbcUrl(DATABASE));
        dataSource.setUsername("postgres");
        dataSource.setPoolName("atoll-embedded");
        return dataSource;
    }
}
