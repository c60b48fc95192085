package org.atoll.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One process at a time runs the embedded PostgreSQL of a data directory: a second one, in another process or in
 * this one, is refused instead of stopping the first one's database as if a killed node had left it behind.
 */
class DataDirectoryLockTest {

    @TempDir
    Path dataDir;

    @Test
    void anotherProcessHoldingTheDirectoryShouldBeRefusedUntilItEnds() throws Exception {
        Path pgData = dataDir.resolve("postgresql");
        Process holder = new ProcessBuilder(
                        ProcessHandle.current().info().command().orElse("java"),
                        "-cp",
                        System.getProperty("java.class.path"),
                        HoldsDataDirectory.class.getName(),
                        pgData.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        try {
            BufferedReader said =
                    new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
            assertThat(said.readLine()).isEqualTo("locked");

            assertThatThrownBy(() -> DataDirectoryLock.acquire(pgData))
                    .isInstanceOf(EmbeddedDatabaseInUse.class)
                    .hasMessageContaining(dataDir.toString());

            holder.getOutputStream().close();
            assertThat(holder.waitFor()).isZero();
            DataDirectoryLock.acquire(pgData).close();
        } finally {
            holder.destroyForcibly();
        }
    }

    @Test
    void aSecondHolderInThisProcessShouldBeRefusedUntilTheFirstReleases() throws Exception {
        Path pgData = dataDir.resolve("postgresql");
        DataDirectoryLock first = DataDirectoryLock.acquire(pgData);

        assertThatThrownBy(() -> DataDirectoryLock.acquire(pgData)).isInstanceOf(EmbeddedDatabaseInUse.class);

        first.close();
        DataDirectoryLock.acquire(pgData).close();
    }
}
