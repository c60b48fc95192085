package org.atoll.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * A command that works on the store through the module services. It runs only on a database whose migrations are
 * all applied: a newer jar never changes data under an older schema, and never migrates behind an operator's back.
 */
abstract class StoreCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    Output.JsonOption output;

    final Environment env;

    StoreCommand(Environment env) {
        this.env = env;
    }

    @Override
    public final Integer call() throws Exception {
        if (needsCurrentSchema()) {
            MigrationInfo[] pending = service(Flyway.class).info().pending();
            if (pending.length > 0) {
                throw new CommandFailed(
                        ExitCodes.MIGRATIONS_PENDING,
                        pending.length + " database migration(s) pending, from version " + pending[0].getVersion()
                                + ": start the server, or run `atoll db migrate`");
            }
        }
        return run();
    }

    abstract int run() throws Exception;

    boolean needsCurrentSchema() {
        return true;
    }

    <T> T service(Class<T> type) {
        return env.services().get(type);
    }

    boolean json() {
        return output.json;
    }

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    PrintWriter err() {
        return spec.commandLine().getErr();
    }
}
