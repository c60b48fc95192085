package org.atoll.database;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * An exclusive lock on a file beside the embedded PostgreSQL's data directory, held by the process that started
 * that PostgreSQL for as long as it runs. The operating system releases it when the process ends, however it ends,
 * so a postmaster found on a directory whose lock is free was left behind by a killed process.
 */
final class DataDirectoryLock implements AutoCloseable {

    private final FileChannel channel;
    private final FileLock lock;

    private DataDirectoryLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** @throws EmbeddedDatabaseInUse when another process, or another context of this one, holds the lock */
    static DataDirectoryLock acquire(Path pgData) throws IOException {
        Files.createDirectories(pgData.getParent());
        Path file = pgData.resolveSibling(pgData.getFileName() + ".lock");
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        try {
            FileLock lock = channel.tryLock();
            if (lock == null) {
                channel.close();
                throw new EmbeddedDatabaseInUse(pgData.getParent());
            }
            return new DataDirectoryLock(channel, lock);
        } catch (OverlappingFileLockException e) {
            channel.close();
            throw new EmbeddedDatabaseInUse(pgData.getParent());
        }
    }

    @Override
    public void close() throws IOException {
        try {
            lock.release();
        } finally {
            channel.close();
        }
    }
}
