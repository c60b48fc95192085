package org.atoll.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;
import org.atoll.account.Accounts;
import org.atoll.audit.AuditLog;
import org.atoll.audit.AuditQuery;
import org.atoll.mail.LmtpServer;
import org.atoll.push.internal.ChangeListener;
import org.atoll.support.DataDirectories;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * The context the commands start for themselves, on an embedded PostgreSQL of its own: no web server, no listener
 * or worker, no first-start bootstrap, no migration unless asked; and a second process on the same data directory
 * is refused instead of stopping the first one's database.
 */
class CommandLineContextTest {

    Path dataDir;

    @AfterEach
    void deleteDataDir() throws IOException {
        if (dataDir != null) {
            try (Stream<Path> files = Files.walk(dataDir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    Map<String, String> settings() {
        return Map.of(
                "atoll.data-dir", dataDir.toAbsolutePath().toString(),
                "atoll.admin.email", "root@cli.test",
                "atoll.mail.lmtp.port", "-1",
                // Keep this JVM's log levels as the other tests expect them.
                "logging.level.root", "INFO",
                "logging.level.org.springframework.context", "INFO");
    }

    @Test
    void aFreshDatabaseShouldShowPendingMigrationsUntilMigratedAndServeCommandsAfter() throws Exception {
        dataDir = DataDirectories.create(Path.of("target"), "cli-");
        try (SpringServices services = new SpringServices(settings())) {
            Cli cli = new Cli(services);

            Cli.Run before = cli.run("db", "status", "--json");
            Cli.Run refused =
                    cli.withInput("correct horse battery\n", "account", "create", "x@cli.test", "--password-stdin");

            assertThat(before.exitCode()).as(before.err()).isEqualTo(ExitCodes.MIGRATIONS_PENDING);
            JsonNode pending = before.json();
            assertThat(pending.get("applied").asInt()).isZero();
            assertThat(pending.get("pending").asInt()).isPositive();
            assertThat(pending.get("current").isNull()).isTrue();
            assertThat(refused.exitCode()).isEqualTo(ExitCodes.MIGRATIONS_PENDING);
            assertThat(refused.err()).contains("db migrate");

            Cli.Run migrated = cli.run("db", "migrate", "--json");
            Cli.Run after = cli.run("db", "status", "--json");
            Cli.Run created =
                    cli.withInput("correct horse battery\n", "account", "create", "x@cli.test", "--password-stdin");

            assertThat(migrated.exitCode()).as(migrated.err()).isZero();
            assertThat(migrated.json().get("executed").asInt())
                    .isEqualTo(pending.get("pending").asInt());
            assertThat(after.exitCode()).isZero();
            assertThat(after.json().get("pending").asInt()).isZero();
            assertThat(created.exitCode()).as(created.err()).isZero();

            ApplicationContext context = services.context();
            assertThat(context).isNotInstanceOf(WebServerApplicationContext.class);
            assertThat(context.getBean(LmtpServer.class).isRunning()).isFalse();
            assertThat(context.getBean(ChangeListener.class).isRunning()).isFalse();
            Accounts accounts = services.get(Accounts.class);
            assertThat(accounts.findByAddress("root@cli.test"))
                    .as("no first-start administrator")
                    .isEmpty();
            long id = accounts.findByAddress("x@cli.test").orElseThrow().id();
            assertThat(services.get(AuditLog.class)
                            .find(new AuditQuery(id, null, null, null, null), 0, 10)
                            .items())
                    .extracting(entry -> entry.actor() + " " + entry.action())
                    .containsExactly(Cli.ACTOR.name() + " account.created");

            try (SpringServices second = new SpringServices(settings())) {
                Cli.Run held = new Cli(second).run("account", "list");

                assertThat(held.exitCode()).isEqualTo(ExitCodes.DATABASE_UNAVAILABLE);
                assertThat(held.err())
                        .contains("Another Atoll process runs the embedded database in " + dataDir.toAbsolutePath());
            }
            assertThat(cli.run("account", "list", "--json").exitCode())
                    .as("the first process's database still runs")
                    .isZero();
        }
    }
}
