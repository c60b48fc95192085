package org.atoll.bench;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.atoll.AtollApplication;
import org.atoll.account.Accounts;
import org.atoll.database.DatabaseAdmission;
import org.atoll.mailbox.Mailboxes;
import org.atoll.support.DataDirectories;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The whole Atoll server started in this JVM on a free port of 127.0.0.1, on a throw-away embedded PostgreSQL (or
 * the one {@code SPRING_DATASOURCE_URL} names), with the benchmark's trivial endpoint added. Production settings
 * otherwise: the database pool, the sign-in cache and the connector are what a deployment gets.
 */
final class BenchServer implements AutoCloseable {

    static final String ADMIN_PASSWORD = "benchmark-admin-password";

    private final ConfigurableApplicationContext context;
    private final Path postmasterPid;
    private final Path databaseLog;
    private final HikariPoolMXBean pool;
    private final Thread poolSampler;
    private final AtomicInteger peakActive = new AtomicInteger();
    private final AtomicInteger peakWaiting = new AtomicInteger();
    private volatile boolean sampling = true;

    BenchServer(int maxDevicesPerAccount, String... settings) throws IOException {
        Path dataDir = DataDirectories.create("atoll-bench-");
        postmasterPid = dataDir.resolve("postgresql/postmaster.pid");
        databaseLog = dataDir.resolve("postgresql.log");
        List<String> arguments = new ArrayList<>(List.of(
                "--server.address=127.0.0.1",
                "--server.port=0",
                "--atoll.data-dir=" + dataDir.toAbsolutePath(),
                "--atoll.ephemeral-database=true",
                "--atoll.demo.enabled=false",
                "--atoll.admin.password=" + ADMIN_PASSWORD,
                "--atoll.device.max-per-account=" + maxDevicesPerAccount,
                "--spring.main.banner-mode=off",
                "--logging.level.root=WARN"));
        arguments.addAll(List.of(settings));
        context = new SpringApplicationBuilder(AtollApplication.class, BenchWeb.class)
                .run(arguments.toArray(String[]::new));
        pool = context.getBean(HikariDataSource.class).getHikariPoolMXBean();
        poolSampler = Thread.ofPlatform().daemon().name("pool-sampler").start(this::samplePool);
    }

    int port() {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    Accounts accounts() {
        return context.getBean(Accounts.class);
    }

    Mailboxes mailboxes() {
        return context.getBean(Mailboxes.class);
    }

    /** The embedded PostgreSQL's log, where its server processes write. */
    Path databaseLog() {
        return databaseLog;
    }

    JdbcClient jdbc() {
        return context.getBean(JdbcClient.class);
    }

    HikariDataSource dataSource() {
        return context.getBean(HikariDataSource.class);
    }

    MeterRegistry meters() {
        return context.getBean(MeterRegistry.class);
    }

    /** The slots of database work ActiveSync requests share ({@code atoll.eas.max-database-requests}). */
    int admissionSlots() {
        return context.getBean(DatabaseAdmission.class).size();
    }

    /** Forgets the peaks of the database pool, so that the next report covers one workload. */
    void resetPoolPeaks() {
        peakActive.set(0);
        peakWaiting.set(0);
    }

    /** The server's resources at the end of a workload: heap, RSS, database connections. */
    String resources() {
        long heapBefore = heapUsed();
        System.gc();
        long heapAfter = heapUsed();
        long backends = jdbc().sql("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()")
                .query(Long.class)
                .single();
        return String.format(
                "heap used %d MB (%d MB after a full GC; load client and server share this JVM), JVM RSS %d MB,"
                        + " PostgreSQL RSS %d MB summed over %d processes (shared memory counted in each)%n"
                        + "  database: pool of %d (peak %d in use, peak %d requests waiting for a connection),"
                        + " %d backends on the database",
                heapBefore >> 20,
                heapAfter >> 20,
                rssKb(ProcessHandle.current()) >> 10,
                postgresRssKb() >> 10,
                postgresProcesses(),
                pool.getTotalConnections(),
                peakActive.get(),
                peakWaiting.get(),
                backends);
    }

    private void samplePool() {
        while (sampling) {
            peakActive.accumulateAndGet(pool.getActiveConnections(), Math::max);
            peakWaiting.accumulateAndGet(pool.getThreadsAwaitingConnection(), Math::max);
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private static long heapUsed() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private long postgresRssKb() {
        return postgres().stream().mapToLong(BenchServer::rssKb).sum();
    }

    private long postgresProcesses() {
        return postgres().size();
    }

    /**
     * The embedded PostgreSQL's postmaster and its children. pg_ctl detaches the postmaster from this JVM, so it is
     * found through its pid file; none when the database is an external one.
     */
    private List<ProcessHandle> postgres() {
        try {
            long pid =
                    Long.parseLong(Files.readAllLines(postmasterPid).getFirst().strip());
            return ProcessHandle.of(pid)
                    .map(postmaster -> Stream.concat(Stream.of(postmaster), postmaster.descendants())
                            .toList())
                    .orElse(List.of());
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
    }

    /** VmRSS from /proc (Linux); 0 where it cannot be read. */
    private static long rssKb(ProcessHandle process) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | RuntimeException e) {
            return 0;
        }
        return 0;
    }

    @Override
    public void close() {
        sampling = false;
        poolSampler.interrupt();
        context.close();
    }
}
