package org.atoll.database;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.atoll.support.AtollTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The test database starts empty, so the server's start has just run every migration on it. */
@AtollTest
class MigrationsTest {

    @Autowired
    JdbcClient jdbc;

    @Test
    void everyMigrationShouldHaveRunOnTheEmptyDatabase() throws IOException {
        List<String> files;
        try (Stream<Path> listing = Files.list(Path.of("migrations"))) {
            files = listing.map(p -> p.getFileName().toString())
                    .filter(name -> name.matches("V\\d+__.+\\.sql"))
                    .map(name -> name.substring(1, name.indexOf("__")))
                    .sorted(Comparator.comparingInt(Integer::parseInt))
                    .toList();
        }
        List<String> applied = jdbc.sql(
                        "SELECT version FROM flyway_schema_history WHERE success AND version IS NOT NULL ORDER BY installed_rank")
                .query(String.class)
                .list();
        assertThat(files).isNotEmpty();
        assertThat(applied).isEqualTo(files);
    }

    @Test
    void theStoreTablesShouldExist() {
        List<String> tables = jdbc.sql("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'")
                .query(String.class)
                .list();
        assertThat(tables)
                .contains(
                        "account",
                        "mailbox",
                        "folder",
                        "blob",
                        "message",
                        "message_attachment",
                        "journal",
                        "device",
                        "mobile_policy");
    }

    @Test
    void messageIdsShouldComeFromTheSequenceOneAtATime() {
        assertThat(jdbc.sql("SELECT increment_by FROM pg_sequences WHERE sequencename = 'message_id_seq'")
                        .query(Long.class)
                        .single())
                .isEqualTo(1L);
    }

    @Test
    void rawMimeShouldBeStoredOutOfLineWithoutCompression() {
        assertThat(jdbc.sql("""
                        SELECT attstorage FROM pg_attribute
                        WHERE attrelid = 'blob'::regclass AND attname = 'content'
                        """).query(String.class).single()).isEqualTo("e");
    }

    @Test
    void commitsShouldBeSynchronous() {
        assertThat(jdbc.sql("SHOW synchronous_commit").query(String.class).single())
                .isEqualTo("on");
        assertThat(jdbc.sql("SHOW fsync").query(String.class).single()).isEqualTo("on");
    }
}
