package org.atoll.database;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.atoll.support.AtollTest;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * The migrations that give every existing account the default folder of an item class (V28 Notes, Type 10; V33
 * Contacts, Type 9; V35 Tasks, Type 7; MS-ASCMD 2.2.3.186.3): on a database migrated up to the migration before, each
 * account gets the folder under its next modseq, journaled as a folder creation so devices learn of it on their
 * next FolderSync, and a user folder of the same name keeps its name.
 */
@AtollTest
class DefaultFolderMigrationsTest {

    @Autowired
    DataSource dataSource;

    @Autowired
    JdbcClient jdbc;

    @ParameterizedTest(name = "V{1} adds {3}")
    @CsvSource({"27, 28, NOTES, Notes, 10", "32, 33, CONTACTS, Contacts, 9", "33, 35, TASKS, Tasks, 7"})
    void existingAccountsShouldGetTheDefaultFolderJournaledUnderTheirNextModseq(
            int before, int version, String role, String name, int type) throws Exception {
        String database = "v" + version + "_" + System.nanoTime();
        jdbc.sql("CREATE DATABASE " + database).update();
        HikariDataSource main = (HikariDataSource) dataSource;
        String url;
        try (var connection = main.getConnection()) {
            url = connection.getMetaData().getURL().replaceFirst("/[^/?]+(\\?|$)", "/" + database + "$1");
        }
        try (SingleConnectionDataSource other =
                new SingleConnectionDataSource(url, main.getUsername(), main.getPassword(), true)) {
            migrate(other, before);
            JdbcClient old = JdbcClient.create(other);
            long plain = account(old, "plain@v" + version + ".test");
            long clash = account(old, "clash@v" + version + ".test");
            old.sql("UPDATE mailbox SET highest_modseq = 41 WHERE account_id = ?")
                    .param(clash)
                    .update();
            old.sql("INSERT INTO folder (account_id, name, type, modseq) VALUES (?, ?, 12, 41)")
                    .params(clash, name.toLowerCase())
                    .update();

            migrate(other, version);

            assertThat(defaultFolder(old, plain, role))
                    .containsEntry("name", name)
                    .containsEntry("modseq", 1L)
                    .containsEntry("type", type);
            assertThat(defaultFolder(old, clash, role))
                    .containsEntry("name", name + " (ActiveSync)")
                    .containsEntry("modseq", 42L);
            assertThat(old.sql("SELECT highest_modseq FROM mailbox WHERE account_id = ?")
                            .param(clash)
                            .query(Long.class)
                            .single())
                    .isEqualTo(42L);
            List<Short> kinds = old.sql("SELECT j.kind FROM journal j JOIN folder f"
                            + " ON f.account_id = j.account_id AND f.id = j.folder_id"
                            + " WHERE j.account_id = ? AND f.role = ? AND j.modseq = 42")
                    .params(clash, role)
                    .query(Short.class)
                    .list();
            assertThat(kinds).containsExactly((short) 4);
        } finally {
            jdbc.sql("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)").update();
        }
    }

    private static void migrate(DataSource database, int target) {
        Flyway.configure()
                .dataSource(database)
                .locations("filesystem:migrations")
                .target(Integer.toString(target))
                .load()
                .migrate();
    }

    private static long account(JdbcClient db, String address) {
        long id = db.sql("INSERT INTO account (address, display_name, password_hash, role)"
                        + " VALUES (?, 'Old', 'x', 'USER') RETURNING id")
                .param(address)
                .query(Long.class)
                .single();
        db.sql("INSERT INTO mailbox (account_id) VALUES (?)").param(id).update();
        return id;
    }

    private static Map<String, Object> defaultFolder(JdbcClient db, long accountId, String role) {
        return db.sql("SELECT name, modseq, type FROM folder WHERE account_id = ? AND role = ?")
                .params(accountId, role)
                .query()
                .singleRow();
    }
}
