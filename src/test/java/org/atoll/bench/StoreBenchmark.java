package org.atoll.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.atoll.AtollApplication;
import org.atoll.account.AccountView;
import org.atoll.account.Accounts;
import org.atoll.account.NewAccount;
import org.atoll.mailbox.JournalPosition;
import org.atoll.mailbox.Mailboxes;
import org.atoll.mailbox.SystemFolder;
import org.atoll.support.DataDirectories;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The store's two figures of the foundation issue, each beside a baseline measured in the same run on the same
 * PostgreSQL:
 *
 * <ol>
 *   <li>delivery of ~20 KB messages into one account, one message per transaction, against single-row
 *       synchronous commits on the same database;
 *   <li>the latency of "changes in a folder since X" with 100,000 messages in the account, against a primary-key
 *       lookup of one row.
 * </ol>
 *
 * <p>Beside the rates it prints the CPU time each delivery and each commit took, in this JVM and in the database's
 * server processes: on a machine that other work shares, CPU time varies far less than throughput does. It also prints
 * what the delivered messages' blobs take on disk.
 *
 * <p>Run: {@code ./mvnw -q test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=org.atoll.bench.StoreBenchmark [-Dexec.args="ROUNDS DELIVERIES"]}. Uses the embedded
 * PostgreSQL in a throw-away directory, or {@code SPRING_DATASOURCE_URL} when set.
 */
public final class StoreBenchmark {

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        int deliveries = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
        Path dataDir = DataDirectories.create(Path.of("target"), "bench-");
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(AtollApplication.class)
                .web(WebApplicationType.NONE)
                .run(
                        "--atoll.data-dir=" + dataDir.toAbsolutePath(),
                        "--atoll.ephemeral-database=true",
                        "--atoll.admin.password=benchmark-admin",
                        "--logging.level.root=WARN")) {
            new StoreBenchmark(context).run(rounds, deliveries);
        }
    }

    private final Accounts accounts;
    private final Mailboxes mailboxes;
    private final JdbcClient jdbc;
    private final CpuClock cpu;

    private StoreBenchmark(ConfigurableApplicationContext context) {
        this.accounts = context.getBean(Accounts.class);
        this.mailboxes = context.getBean(Mailboxes.class);
        this.jdbc = context.getBean(JdbcClient.class);
        this.cpu = new CpuClock(jdbc);
    }

    private void run(int rounds, int deliveries) {
        jdbc.sql("CREATE TABLE IF NOT EXISTS bench_commit (id bigint PRIMARY KEY, payload text)")
                .update();
        List<Double> commitRates = new ArrayList<>();
        List<Double> deliverRates = new ArrayList<>();
        List<Double> commitDatabaseCpu = new ArrayList<>();
        List<Double> deliverJvmCpu = new ArrayList<>();
        List<Double> deliverDatabaseCpu = new ArrayList<>();
        for (int round = 1; round <= rounds; round++) {
            Timed commits = singleRowCommits(round, 3_000);
            Timed delivered = deliveries(round, deliveries);
            commitRates.add(commits.perSecond());
            deliverRates.add(delivered.perSecond());
            commitDatabaseCpu.add(commits.databaseMicros());
            deliverJvmCpu.add(delivered.jvmMicros());
            deliverDatabaseCpu.add(delivered.databaseMicros());
            System.out.printf(
                    "round %d: single-row commits %.0f/s, deliveries %.0f/s, ratio %.2f;"
                            + " CPU per delivery %.0f us JVM, %.0f us database%n",
                    round,
                    commits.perSecond(),
                    delivered.perSecond(),
                    delivered.perSecond() / commits.perSecond(),
                    delivered.jvmMicros(),
                    delivered.databaseMicros());
        }
        List<Double> ratios = new ArrayList<>();
        for (int i = 0; i < rounds; i++) {
            ratios.add(deliverRates.get(i) / commitRates.get(i));
        }
        System.out.println("DELIVERY of " + deliveries + " messages of ~20 KB, one transaction each");
        report("  single-row synchronous commits/s", commitRates, "%.0f");
        report("  deliveries/s", deliverRates, "%.0f");
        report("  ratio deliveries / commits", ratios, "%.2f");
        report("  database CPU per single-row commit, us", commitDatabaseCpu, "%.0f");
        report("  JVM CPU per delivery (the whole process), us", deliverJvmCpu, "%.0f");
        report("  database CPU per delivery (its server processes), us", deliverDatabaseCpu, "%.0f");
        blobStorage();

        changesSince(100_000);
    }

    /** A rate, with the CPU time each operation took on average. */
    record Timed(double perSecond, double jvmMicros, double databaseMicros) {

        static Timed of(int count, long startNanos, CpuClock.Cpu before, CpuClock.Cpu after) {
            return new Timed(
                    count / seconds(startNanos),
                    after.jvmMicrosSince(before) / count,
                    after.databaseMicrosSince(before) / count);
        }
    }

    private Timed singleRowCommits(int round, int count) {
        jdbc.sql("TRUNCATE bench_commit").update();
        CpuClock.Cpu before = cpu.now();
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            jdbc.sql("INSERT INTO bench_commit VALUES (?, ?)")
                    .params(round * 1_000_000L + i, "x")
                    .update();
        }
        return Timed.of(count, start, before, cpu.now());
    }

    private Timed deliveries(int round, int count) {
        AccountView account = accounts.create(
                NewAccount.user("bench-" + round + "-" + System.nanoTime() + "@bench.test", "benchmark-password"));
        long inbox = mailboxes.systemFolder(account.id(), SystemFolder.INBOX).id();
        List<byte[]> prepared = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            prepared.add(message(round, i, 20 * 1024));
        }
        CpuClock.Cpu before = cpu.now();
        long start = System.nanoTime();
        for (byte[] raw : prepared) {
            mailboxes.deliver(account.id(), inbox, raw, null);
        }
        return Timed.of(count, start, before, cpu.now());
    }

    /** What the delivered messages take on disk: the blob table with its TOAST data and index, per message. */
    private void blobStorage() {
        jdbc.sql("CHECKPOINT").update();
        long blobs = jdbc.sql("SELECT count(*) FROM blob").query(Long.class).single();
        long raw = jdbc.sql("SELECT coalesce(sum(size), 0) FROM blob")
                .query(Long.class)
                .single();
        long disk = jdbc.sql("SELECT pg_total_relation_size('blob')")
                .query(Long.class)
                .single();
        System.out.printf(
                "  blob storage: %d blobs, %.0f raw bytes and %.0f bytes on disk each (%.2f of raw)%n",
                blobs, (double) raw / blobs, (double) disk / blobs, (double) disk / raw);
    }

    /**
     * Fills one account with messages and journal rows in bulk SQL (this measures reads, not delivery), then times
     * reads of the last 100 changes, of an empty tail, and a primary-key lookup as the baseline.
     */
    private void changesSince(int messages) {
        AccountView account =
                accounts.create(NewAccount.user("changes-" + System.nanoTime() + "@bench.test", "benchmark-password"));
        long id = account.id();
        long inbox = mailboxes.systemFolder(id, SystemFolder.INBOX).id();
        long archive = mailboxes
                .createFolder(id, null, "Archive", org.atoll.mailbox.FolderType.USER_MAIL)
                .id();
        byte[] raw = message(0, 0, 1024);
        byte[] sha = mailboxes.deliver(id, archive, raw, null).id() > 0 ? sha256(raw) : new byte[0];
        long base = mailboxes.highestModseq(id);
        jdbc.sql("""
                        INSERT INTO message (account_id, folder_id, blob_sha256, thread_id, received_at, subject,
                            size, modseq)
                        SELECT ?, ?, ?, nextval('message_id_seq'), now() - make_interval(secs => g), 'bulk ' || g,
                            1024, ? + g
                        FROM generate_series(1, ?) g
                        """).params(id, inbox, sha, base, messages).update();
        jdbc.sql("""
                        INSERT INTO journal (account_id, modseq, ordinal, folder_id, message_id, kind)
                        SELECT m.account_id, m.modseq, 0, m.folder_id, m.id, 1 FROM message m
                        WHERE m.account_id = ? AND m.folder_id = ?
                        """).params(id, inbox).update();
        jdbc.sql("UPDATE mailbox SET highest_modseq = ? WHERE account_id = ?")
                .params(base + messages, id)
                .update();
        jdbc.sql("ANALYZE").update();

        long top = base + messages;
        Random random = new Random(7);
        int reads = 2_000;
        long[] tail = new long[reads];
        long[] empty = new long[reads];
        long[] lookup = new long[reads];
        for (int i = 0; i < reads; i++) {
            long since = base + random.nextInt(messages - 100);
            long t0 = System.nanoTime();
            int got = mailboxes
                    .changes(id, inbox, JournalPosition.afterModseq(since), 100)
                    .entries()
                    .size();
            tail[i] = System.nanoTime() - t0;
            if (got != 100) {
                throw new IllegalStateException("Expected 100 changes, read " + got);
            }
            t0 = System.nanoTime();
            mailboxes.changes(id, inbox, JournalPosition.afterModseq(top), 100);
            empty[i] = System.nanoTime() - t0;
            t0 = System.nanoTime();
            jdbc.sql("SELECT highest_modseq FROM mailbox WHERE account_id = ?")
                    .param(id)
                    .query(Long.class)
                    .single();
            lookup[i] = System.nanoTime() - t0;
        }
        System.out.println("CHANGES SINCE X in a folder of " + messages + " messages (" + reads + " reads each)");
        latency("  100 changes after a random X", tail, lookup);
        latency("  nothing changed after X", empty, lookup);
        latency("  baseline: one-row primary-key read", lookup, lookup);
    }

    private static void latency(String what, long[] nanos, long[] baseline) {
        long[] sorted = nanos.clone();
        long[] base = baseline.clone();
        Arrays.sort(sorted);
        Arrays.sort(base);
        double median = sorted[sorted.length / 2] / 1e6;
        double p99 = sorted[(int) (sorted.length * 0.99)] / 1e6;
        double baseMedian = base[base.length / 2] / 1e6;
        System.out.printf(
                "%s: median %.3f ms, p99 %.3f ms, median ratio to baseline %.2f%n",
                what, median, p99, median / baseMedian);
    }

    private static void report(String what, List<Double> values, String format) {
        double[] sorted =
                values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        System.out.printf(
                "%s: median " + format + " (min " + format + ", max " + format + ", %d runs)%n",
                what,
                sorted[sorted.length / 2],
                sorted[0],
                sorted[sorted.length - 1],
                sorted.length);
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    private static byte[] sha256(byte[] raw) throws IllegalStateException {
        try {
            return java.security.MessageDigest.getInstance("SHA-256").digest(raw);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A plain-text message of about {@code size} bytes whose body varies, so no two share a blob. */
    static byte[] message(int round, int index, int size) {
        StringBuilder body = new StringBuilder(size + 256);
        Random random = new Random(round * 1_000_003L + index);
        while (body.length() < size) {
            body.append(Stream.of("delivery", "journal", "island", "atoll", "lagoon", "reef", "tide")
                            .skip(random.nextInt(7))
                            .findFirst()
                            .orElseThrow())
                    .append(body.length() % 76 < 8 ? "\r\n" : " ");
        }
        String text = "From: Bench Sender <sender@example.org>\r\n"
                + "To: Bench Reader <reader@example.net>\r\n"
                + "Subject: Benchmark message " + round + "/" + index + "\r\n"
                + "Date: Sat, 28 Nov 2026 10:00:00 +0000\r\n"
                + "Message-ID: <bench-" + round + "-" + index + "@example.org>\r\n"
                + "Content-Type: text/plain; charset=utf-8\r\n\r\n"
                + body + "\r\n";
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
