package org.atoll.database;

import java.nio.file.Path;

/** Another process on a data directory: takes its lock, says so, and keeps it until its standard input closes. */
final class HoldsDataDirectory {

    private HoldsDataDirectory() {}

    public static void main(String[] args) throws Exception {
        try (DataDirectoryLock lock = DataDirectoryLock.acquire(Path.of(args[0]))) {
            System.out.println("locked");
            System.out.flush();
            System.in.readAllBytes();
        }
    }
}
