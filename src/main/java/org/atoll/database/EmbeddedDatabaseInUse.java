package org.atoll.database;

import java.nio.file.Path;

/**
 * Another process (a running server, or an admin command) has the embedded PostgreSQL of this data directory
 * started; a second one on the same files would stop it as if it were left over from a killed node.
 */
public final class EmbeddedDatabaseInUse extends IllegalStateException {

    private final Path dataDirectory;

    EmbeddedDatabaseInUse(Path dataDirectory) {
        super("Another Atoll process runs the embedded database in " + dataDirectory
                + ": stop it first, or configure spring.datasource.url to a PostgreSQL server both can share");
        this.dataDirectory = dataDirectory;
    }

    public Path dataDirectory() {
        return dataDirectory;
    }
}
