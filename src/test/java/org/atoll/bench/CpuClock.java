package org.atoll.bench;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Optional;
import java.util.stream.Stream;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Reads CPU time rather than wall time, which other work on a shared machine disturbs far less. The database's share
 * is the postmaster's and its live children's (backends, WAL writer, checkpointer) as the OS reports them; a process
 * that exited in between (an autovacuum worker) is not counted. Zero when the database runs elsewhere.
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
                        .sum())
                .orElse(0L);
        return new Cpu(os.getProcessCpuTime(), database);
    }
}
