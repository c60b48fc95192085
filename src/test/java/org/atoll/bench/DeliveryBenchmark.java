package org.atoll.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.atoll.AtollApplication;
import org.atoll.account.AccountView;
import org.atoll.account.Accounts;
import org.atoll.account.NewAccount;
import org.atoll.mail.LmtpServer;
import org.atoll.mailbox.Mailboxes;
import org.atoll.mailbox.SystemFolder;
import org.atoll.support.DataDirectories;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Workload W6 of BENCHMARKS.md: ~20 KB messages delivered through the server's LMTP listener, one message per
 * transaction (LHLO once, then MAIL, RCPT, DATA for each), against single-row synchronous commits on the same
 * PostgreSQL, measured in the same run. Every reply must be 250 and every message must land exactly once, or the run
 * fails. Beside the rates it prints the CPU time per delivery in this JVM (client and server together) and in the
 * database's server processes ({@link CpuClock}).
 *
 * <p>Run: {@code ./mvnw -q test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=org.atoll.bench.DeliveryBenchmark [-Dexec.args="ROUNDS MESSAGES CONNECTIONS STATEMENTS"]}
 * (defaults 5, 2000, 1, 0). With STATEMENTS above 0, one more round, not counted, logs every statement's duration and
 * prints PostgreSQL's that many costliest statements ({@link StatementTimes}). Uses the embedded PostgreSQL in a throw-away directory, or {@code SPRING_DATASOURCE_URL} when set.
 */
public final class DeliveryBenchmark {

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        int messages = args.length > 1 ? Integer.parseInt(args[1]) : 2_000;
        int connections = args.length > 2 ? Integer.parseInt(args[2]) : 1;
        int statements = args.length > 3 ? Integer.parseInt(args[3]) : 0;
        Path dataDir = DataDirectories.create(Path.of("target"), "bench-");
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(AtollApplication.class)
                .web(WebApplicationType.NONE)
                .run(
                        "--atoll.data-dir=" + dataDir.toAbsolutePath(),
                        "--atoll.ephemeral-database=true",
                        "--atoll.admin.password=benchmark-admin",
                        "--atoll.mail.lmtp.port=-1",
                        "--atoll.mail.outbound.worker-enabled=false",
                        "--logging.level.root=WARN")) {
            DeliveryBenchmark benchmark = new DeliveryBenchmark(context);
            benchmark.run(rounds, messages, connections);
            if (statements > 0) {
                StatementTimes times = new StatementTimes(benchmark.jdbc, dataDir.resolve("postgresql.log"));
                times.resume();
                benchmark.lmtp(rounds + 1, messages, connections);
                times.pause();
                times.print("one more round of LMTP deliveries, not counted", statements);
            }
        }
    }

    private final Accounts accounts;
    private final Mailboxes mailboxes;
    private final JdbcClient jdbc;
    private final int port;
    private final CpuClock cpu;

    private DeliveryBenchmark(ConfigurableApplicationContext context) {
        this.accounts = context.getBean(Accounts.class);
        this.mailboxes = context.getBean(Mailboxes.class);
        this.jdbc = context.getBean(JdbcClient.class);
        this.port = context.getBean(LmtpServer.class).port();
        this.cpu = new CpuClock(jdbc);
    }

    private void run(int rounds, int messages, int connections) throws Exception {
        jdbc.sql("CREATE TABLE IF NOT EXISTS bench_commit (id bigint PRIMARY KEY, payload text)")
                .update();
        List<Double> commitRates = new ArrayList<>();
        List<Double> lmtpRates = new ArrayList<>();
        List<Double> ratios = new ArrayList<>();
        List<Double> jvmCpu = new ArrayList<>();
        List<Double> databaseCpu = new ArrayList<>();
        for (int round = 1; round <= rounds; round++) {
            double commits = singleRowCommitsPerSecond(round, 3_000);
            StoreBenchmark.Timed delivered = lmtp(round, messages, connections);
            commitRates.add(commits);
            lmtpRates.add(delivered.perSecond());
            ratios.add(delivered.perSecond() / commits);
            jvmCpu.add(delivered.jvmMicros());
            databaseCpu.add(delivered.databaseMicros());
            System.out.printf(
                    "round %d: single-row commits %.0f/s, LMTP deliveries %.0f/s, ratio %.3f;"
                            + " CPU per delivery %.0f us JVM, %.0f us database%n",
                    round,
                    commits,
                    delivered.perSecond(),
                    delivered.perSecond() / commits,
                    delivered.jvmMicros(),
                    delivered.databaseMicros());
        }
        System.out.println("W6 LMTP DELIVERY of " + messages + " messages of ~20 KB per round, one per transaction, "
                + connections + " connection(s)");
        report("  single-row synchronous commits/s", commitRates, "%.0f");
        report("  LMTP deliveries/s", lmtpRates, "%.0f");
        report("  ratio deliveries / commits (goal >= 0.25)", ratios, "%.3f");
        report("  JVM CPU per delivery (client and server, the whole process), us", jvmCpu, "%.0f");
        report("  database CPU per delivery (its server processes), us", databaseCpu, "%.0f");
    }

    private double singleRowCommitsPerSecond(int round, int count) {
        jdbc.sql("TRUNCATE bench_commit").update();
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            jdbc.sql("INSERT INTO bench_commit VALUES (?, ?)")
                    .params(round * 1_000_000L + i, "x")
                    .update();
        }
        return count / seconds(start);
    }

    private StoreBenchmark.Timed lmtp(int round, int messages, int connections) throws Exception {
        AccountView account = accounts.create(
                NewAccount.user("lmtp-" + round + "-" + System.nanoTime() + "@bench.test", "benchmark-password"));
        List<List<byte[]>> perConnection = new ArrayList<>();
        for (int c = 0; c < connections; c++) {
            perConnection.add(new ArrayList<>());
        }
        for (int i = 0; i < messages; i++) {
            perConnection.get(i % connections).add(stuffed(StoreBenchmark.message(round, i, 20 * 1024)));
        }
        CpuClock.Cpu before = cpu.now();
        long start = System.nanoTime();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Void>> sessions = new ArrayList<>();
            for (List<byte[]> batch : perConnection) {
                sessions.add(pool.submit(() -> {
                    session(account.address(), batch);
                    return null;
                }));
            }
            for (Future<Void> session : sessions) {
                session.get();
            }
        }
        StoreBenchmark.Timed timed = StoreBenchmark.Timed.of(messages, start, before, cpu.now());
        long stored = mailboxes.count(
                account.id(),
                mailboxes.systemFolder(account.id(), SystemFolder.INBOX).id());
        if (stored != messages) {
            throw new IllegalStateException("Sent " + messages + " messages, the Inbox holds " + stored);
        }
        return timed;
    }

    private void session(String recipient, List<byte[]> batch) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setTcpNoDelay(true);
            BufferedReader in =
                    new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
            OutputStream out = socket.getOutputStream();
            expect(in, "220");
            send(out, "LHLO bench.example\r\n");
            expect(in, "250");
            for (byte[] message : batch) {
                send(out, "MAIL FROM:<sender@example.org>\r\nRCPT TO:<" + recipient + ">\r\nDATA\r\n");
                expect(in, "250");
                expect(in, "250");
                expect(in, "354");
                out.write(message);
                out.write(".\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                expect(in, "250");
            }
            send(out, "QUIT\r\n");
            expect(in, "221");
        }
    }

    private static void send(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    /** Reads one reply (continuation lines included) and fails the run unless it has the expected code. */
    private static void expect(BufferedReader in, String code) throws IOException {
        String line;
        do {
            line = in.readLine();
            if (line == null || !line.startsWith(code)) {
                throw new IllegalStateException("Expected " + code + ", got " + line);
            }
        } while (line.length() > 3 && line.charAt(3) == '-');
    }

    /** The message as DATA carries it: a dot at a line start doubled; the message ends in CR LF. */
    private static byte[] stuffed(byte[] message) {
        String text = new String(message, StandardCharsets.UTF_8).replace("\r\n.", "\r\n..");
        return (text.endsWith("\r\n") ? text : text + "\r\n").getBytes(StandardCharsets.UTF_8);
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
}
