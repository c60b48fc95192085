package org.atoll.cli;

import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.atoll.database.DatabaseLocation;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.output.MigrateResult;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code atoll db ...}: the schema migrations (Flyway, from {@code migrations/} in the jar) of the database. */
@Command(
        name = "db",
        mixinStandardHelpOptions = true,
        description = "The database's schema migrations: which are applied, which pending.",
        subcommands = {DbCommands.Status.class, DbCommands.Migrate.class})
final class DbCommands implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "Name what to do with the database");
    }

    /**
     * One migration of this version's.
     *
     * @param state Flyway's state: {@code SUCCESS} when applied, {@code PENDING}, or another when something is amiss
     * @param installedOn when it was applied, null while pending
     */
    record MigrationJson(
            String version,
            String description,
            String state,
            @Nullable Instant installedOn) {

        static MigrationJson of(MigrationInfo info) {
            return new MigrationJson(
                    info.getVersion() == null ? "" : info.getVersion().getVersion(),
                    info.getDescription(),
                    info.getState().name(),
                    info.getInstalledOn() == null ? null : info.getInstalledOn().toInstant());
        }
    }

    /**
     * What {@code db status --json} prints.
     *
     * @param current the latest version applied, null on an empty database
     */
    record StatusJson(
            String database, @Nullable String current, int applied, int pending, List<MigrationJson> migrations) {}

    @Command(
            name = "status",
            mixinStandardHelpOptions = true,
            description = {
                "Show the schema migrations: applied and pending.",
                "Exits with 0 when none is pending and 6 when some are, so scripts can wait for or trigger"
                        + " `db migrate`."
            })
    static final class Status extends StoreCommand {

        Status(Environment env) {
            super(env);
        }

        @Override
        boolean needsCurrentSchema() {
            return false;
        }

        @Override
        int run() throws SQLException {
            Flyway flyway = service(Flyway.class);
            var info = flyway.info();
            List<MigrationJson> migrations =
                    Arrays.stream(info.all()).map(MigrationJson::of).toList();
            int pending = info.pending().length;
            int applied = info.applied().length;
            MigrationInfo current = info.current();
            StatusJson status = new StatusJson(
                    service(DatabaseLocation.class).url(),
                    current == null || current.getVersion() == null
                            ? null
                            : current.getVersion().getVersion(),
                    applied,
                    pending,
                    migrations);
            if (json()) {
                Output.json(out(), status);
            } else {
                out().println("Database " + status.database() + ": schema version "
                        + (status.current() == null ? "none" : status.current()) + ", " + applied + " applied, "
                        + pending + " pending");
                Output.table(
                        out(),
                        List.of("VERSION", "STATE", "INSTALLED", "DESCRIPTION"),
                        migrations.stream()
                                .map(m -> List.of(
                                        m.version(),
                                        m.state(),
                                        m.installedOn() == null
                                                ? "-"
                                                : m.installedOn().toString(),
                                        m.description()))
                                .toList());
            }
            return pending == 0 ? ExitCodes.OK : ExitCodes.MIGRATIONS_PENDING;
        }
    }

    @Command(
            name = "migrate",
            mixinStandardHelpOptions = true,
            description = "Apply the pending schema migrations, as the server does when it starts.")
    static final class Migrate extends StoreCommand {

        Migrate(Environment env) {
            super(env);
        }

        /** What {@code db migrate --json} prints. */
        record MigrateJson(
                String database, int executed, @Nullable String current) {}

        @Override
        boolean needsCurrentSchema() {
            return false;
        }

        @Override
        int run() throws SQLException {
            MigrateResult result = service(Flyway.class).migrate();
            MigrateJson migrated = new MigrateJson(
                    service(DatabaseLocation.class).url(), result.migrationsExecuted, result.targetSchemaVersion);
            if (json()) {
                Output.json(out(), migrated);
            } else {
                out().println("Applied " + migrated.executed() + " migration(s) to " + migrated.database()
                        + "; schema version " + migrated.current());
                out().flush();
            }
            return ExitCodes.OK;
        }
    }
}
