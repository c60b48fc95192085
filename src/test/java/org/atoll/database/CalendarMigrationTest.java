package org.atoll.database;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.atoll.support.AtollTest;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * V36 on a database that already has accounts: each gets its default Calendar folder (MS-ASCMD 2.2.3.186.3, Type 8)
 * under its next modseq, journaled as a folder creation so devices learn of it on their next FolderSync.
 */
@AtollTest
class CalendarMigrationTest {

    @Autowired
    DataSource dataSource;

    @Autowired
    JdbcClient jdbc;

    @Test
    void existingAccountsShouldGetACalendarFolderJournaledUnderTheirNextModseq() throws Exception {
        String database = "v36_" + System.nanoTime();
        jdbc.sql("CREATE DATABASE " + database).update();
        HikariDataSource main = (HikariDataSource) dataSource;
        String url;
        try (var connection = main.getConnection()) {
            url = connection.getMetaData().getURL().replaceFirst("/[^/?]+(\\?|$)", "/" + database + "$1");
        }
        try (SingleConnectionDataSource other =
                new SingleConnectionDataSource(url, main.getUsername(), main.getPassword(), true)) {
            Flyway.configure()
                    .dataSource(other)
                    .locations("filesystem:migrations")
                    .target("35")
                    .load()
                    .migrate();
            JdbcClient old = JdbcClient.create(other);
            long plain = account(old, "plain@v36.test");
            long clash = account(old, "clash@v36.test");
            old.sql("UPDATE mailbox SET highest_modseq = 41 WHERE account_id = ?")
                    .param(clash)
                    .update();
            old.sql("INSERT INTO folder (account_id, name, type, modseq) VALUES (?, 'calendar', 12, 41)")
                    .param(clash)
                    .update();

            Flyway.configure()
                    .dataSource(other)
                    .locations("filesystem:migrations")
                    .target("36")
                    .load()
                    .migrate();

            assertThat(calendarFolder(old, plain))
                    .containsEntry("name", "Calendar")
                    .containsEntry("modseq", 1L);
            assertThat(calendarFolder(old, clash))
                    .containsEntry("name", "Calendar (ActiveSync)")
                    .containsEntry("modseq", 42L);
            assertThat(old.sql("SELECT highest_modseq FROM mailbox WHERE account_id = ?")
                            .param(clash)
                            .query(Long.class)
                            .single())
                    .isEqualTo(42L);
            List<Short> kinds = old.sql("SELECT j.kind FROM journal j JOIN folder f"
                            + " ON f.account_id = j.account_id AND f.id = j.folder_id"
                            + " WHERE j.account_id = ? AND f.role = 'CALENDAR' AND j.modseq = 42")
                    .param(clash)
                    .query(Short.class)
                    .list();
            assertThat(kinds).containsExactly((short) 4);
        } finally {
            jdbc.sql("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)").update();
        }
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

    private static Map<String, Object> calendarFolder(JdbcClient db, long accountId) {
        return db.sql("SELECT name, modseq, type FROM folder WHERE account_id = ? AND role = 'CALENDAR'")
                .param(accountId)
                .query()
                .singleRow();
    }
}
