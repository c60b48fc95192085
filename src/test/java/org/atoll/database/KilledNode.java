package org.atoll.database;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;

/**
 * A node that dies the way {@code kill -9} kills it: starts the embedded PostgreSQL on a data directory, then halts
 * without running shutdown hooks, so the database server is left running with nobody to stop it.
 */
final class KilledNode {

    private KilledNode() {}

    public static void main(String[] args) throws Exception {
        EmbeddedPostgres.builder()
                .setDataDirectory(Path.of(args[0]))
                .setCleanDataDirectory(false)
                .setRegisterShutdownHook(false)
                .start();
        Runtime.getRuntime().halt(0);
    }
}
