package org.atoll.database;

import java.nio.file.Path;
import java.util.Map;

/**
 * A node that dies the way {@code kill -9} kills it: starts the embedded PostgreSQL on a data directory, then halts
 * without running shutdown hooks, so the database server is left running with nobody to stop it.
 */
final class KilledNode {

    private KilledNode() {}

    public static void main(String[] args) throws Exception {
        PostgresServer.start(Path.of(args[0]), Map.of(), false, EmbeddedDatabaseProperties.SYSTEM_USER);
        Runtime.getRuntime().halt(0);
    }
}
