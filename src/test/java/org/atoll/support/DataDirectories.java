package org.atoll.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/** Data directories for the servers a test starts itself. */
public final class DataDirectories {

    private DataDirectories() {}

    /**
     * A new, empty directory under {@code parent} that other users may pass through: started as root, the server
     * runs PostgreSQL as a system user, which must reach the database files inside.
     */
    public static Path create(Path parent, String prefix) throws IOException {
        return Files.createTempDirectory(
                parent, prefix, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
    }

    /** The same under the system's temporary directory. */
    public static Path create(String prefix) throws IOException {
        return create(Path.of(System.getProperty("java.io.tmpdir")), prefix);
    }
}
