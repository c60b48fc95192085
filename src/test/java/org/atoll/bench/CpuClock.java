package org.atoll.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.stream.Stream;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Reads CPU time rather than wall time, which other work on a shared machine disturbs far less. The database's share
 * is the postmaster's and its live children's (backends, WAL writer, checkpointer) as the OS reports them, and on
 * Linux also that of the children it has reaped (the backends of connections closed in between, such as pgbench's,
 * and autovacuum workers), which the kernel adds to the postmaster's {@code cutime} and {@code cstime}. Zero when the
 * database runs elsewhere.
 */
final class CpuClock {

    /** CPU time used so far, in nanoseconds, by this JVM and by the database's server processes. */
    record Cpu(long jvmNanos, long databaseNanos) {

        double jvmMicrosSince(Cpu before) {
            return (jvmNanos - before.jvmNanos) / 1e3;
        }

        double databaseMicrosSince(Cpu before) {
            return (databaseNanos - before.databaseNanos) / 1e3;
        }
    }

    private final com.sun.management.OperatingSystemMXBean os =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private final Optional<ProcessHandle> postmaster;

    CpuClock(JdbcClient jdbc) {
        long backend = jdbc.sql("SELECT pg_backend_pid()").query(Long.class).single();
        this.postmaster = ProcessHandle.of(backend).flatMap(ProcessHandle::parent);
    }

    Cpu now() {
        long database = postmaster
                .map(p -> Stream.concat(Stream.of(p), p.children())
                                .mapToLong(c -> c.info()
                                        .totalCpuDuration()
                                        .map(Duration::toNanos)
                                        .orElse(0L))
                                .sum()
                        + reapedChildrenNanos(p.pid()))
                .orElse(0L);
        return new Cpu(os.getProcessCpuTime(), database);
    }

    /**
     * The CPU time of the process's children that have ended and been waited for: fields 16 and 17 of
     * {@code /proc/PID/stat}, counted after the command name's closing parenthesis, in clock ticks of 10 ms (Linux's
     * {@code USER_HZ}). Zero where there is no {@code /proc}.
     */
    private static long reapedChildrenNanos(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long ticks = Long.parseLong(fields[13]) + Long.parseLong(fields[14]);
            return ticks * 10_000_000L;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }
}
