package org.atoll.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * The database baseline of BENCHMARKS.md: pgbench's TPC-B transaction at scale 1 against the server's own
 * PostgreSQL, in the server's database (pgbench's tables are named {@code pgbench_*}, which Atoll does not use).
 *
 * <p>The embedded PostgreSQL binaries carry no pgbench. When a {@code pgbench} executable is found (on the PATH or
 * under {@code /usr/lib/postgresql/*}/bin, or named by {@code -Dbench.pgbench=}) it is run as is; otherwise the same
 * transaction (pgbench's built-in "tpcb-like" script: UPDATE accounts, SELECT, UPDATE tellers, UPDATE branches,
 * INSERT history, one transaction) runs over JDBC, one connection per client. {@link #describe()} says which.
 */
final class TpcB {

    private static final Pattern URL = Pattern.compile("jdbc:postgresql://([^:/?]+)(?::(\\d+))?/([^?]+).*");
    private static final Pattern TPS = Pattern.compile("tps = ([0-9.]+) \\(without initial connection time\\)");

    private final String jdbcUrl;
    private final String user;
    private final String password;
    private final @Nullable Path pgbench;
    private boolean initialized;

    TpcB(String jdbcUrl, @Nullable String user, @Nullable String password) {
        this.jdbcUrl = jdbcUrl;
        this.user = user == null ? "postgres" : user;
        this.password = password == null ? "" : password;
        this.pgbench = findPgbench().orElse(null);
    }

    String describe() {
        return pgbench == null
                ? "TPC-B over JDBC in this JVM (pgbench's tpcb-like script, scale 1; no pgbench executable found)"
                : "pgbench TPC-B (tpcb-like, scale 1) run by " + pgbench + " (" + pgbenchVersion() + ")";
    }

    /** Transactions per second with this many clients, for this long. */
    double tps(int clients, int seconds) throws IOException, SQLException, InterruptedException {
        if (!initialized) {
            initialize();
            initialized = true;
        }
        return pgbench == null ? jdbcTps(clients, seconds) : pgbenchTps(clients, seconds);
    }

    // ---- the pgbench executable

    private static Optional<Path> findPgbench() {
        String named = System.getProperty("bench.pgbench");
        if (named != null) {
            return Optional.of(Path.of(named)).filter(Files::isExecutable);
        }
        Stream<Path> onPath = Stream.of(System.getenv().getOrDefault("PATH", "").split(":"))
                .filter(dir -> !dir.isEmpty())
                .map(dir -> Path.of(dir, "pgbench"));
        Stream<Path> packaged;
        try (Stream<Path> versions = Files.list(Path.of("/usr/lib/postgresql"))) {
            packaged =
                    versions
                            .map(v -> v.resolve("bin/pgbench"))
                            .sorted(java.util.Comparator.reverseOrder())
                            .toList()
                            .stream();
        } catch (IOException e) {
            packaged = Stream.empty();
        }
        return Stream.concat(packaged, onPath).filter(Files::isExecutable).findFirst();
    }

    private String pgbenchVersion() {
        try {
            return run(List.of(pgbench.toString(), "--version")).strip();
        } catch (IOException | InterruptedException e) {
            return "version unknown";
        }
    }

    private List<String> connectionArguments() {
        Matcher url = URL.matcher(jdbcUrl);
        if (!url.matches()) {
            throw new IllegalStateException("Cannot read host, port and database from " + jdbcUrl);
        }
        return List.of(
                "-h", url.group(1), "-p", url.group(2) == null ? "5432" : url.group(2), "-U", user, url.group(3));
    }

    private double pgbenchTps(int clients, int seconds) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                pgbench.toString(),
                "-n",
                "-c",
                Integer.toString(clients),
                "-j",
                Integer.toString(Math.min(clients, Runtime.getRuntime().availableProcessors())),
                "-T",
                Integer.toString(seconds)));
        command.addAll(connectionArguments());
        String output = run(command);
        Matcher tps = TPS.matcher(output);
        if (!tps.find()) {
            throw new IllegalStateException("pgbench printed no tps:\n" + output);
        }
        return Double.parseDouble(tps.group(1));
    }

    private String run(List<String> command) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("PGPASSWORD", password);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed:\n" + output);
        }
        return output;
    }

    // ---- the same transaction over JDBC

    /** pgbench -i -s 1: one branch, ten tellers, 100,000 accounts, an empty history; then VACUUM ANALYZE. */
    private void initialize() throws SQLException, IOException, InterruptedException {
        if (pgbench != null) {
            List<String> command = new ArrayList<>(List.of(pgbench.toString(), "-i", "-q", "-s", "1"));
            command.addAll(connectionArguments());
            run(command);
            return;
        }
        try (Connection connection = connect();
                Statement sql = connection.createStatement()) {
            sql.execute("DROP TABLE IF EXISTS pgbench_history, pgbench_tellers, pgbench_accounts, pgbench_branches");
            sql.execute("CREATE TABLE pgbench_history (tid int, bid int, aid int, delta int, mtime timestamp,"
                    + " filler char(22))");
            sql.execute("CREATE TABLE pgbench_tellers (tid int NOT NULL, bid int, tbalance int, filler char(84))"
                    + " WITH (fillfactor = 100)");
            sql.execute("CREATE TABLE pgbench_accounts (aid int NOT NULL, bid int, abalance int, filler char(84))"
                    + " WITH (fillfactor = 100)");
            sql.execute("CREATE TABLE pgbench_branches (bid int NOT NULL, bbalance int, filler char(88))"
                    + " WITH (fillfactor = 100)");
            sql.execute("INSERT INTO pgbench_branches (bid, bbalance) VALUES (1, 0)");
            sql.execute(
                    "INSERT INTO pgbench_tellers (tid, bid, tbalance) SELECT g, 1, 0 FROM generate_series(1, 10) g");
            sql.execute("INSERT INTO pgbench_accounts (aid, bid, abalance, filler)"
                    + " SELECT g, 1, 0, '' FROM generate_series(1, 100000) g");
            sql.execute("ALTER TABLE pgbench_branches ADD PRIMARY KEY (bid)");
            sql.execute("ALTER TABLE pgbench_tellers ADD PRIMARY KEY (tid)");
            sql.execute("ALTER TABLE pgbench_accounts ADD PRIMARY KEY (aid)");
            sql.execute("VACUUM ANALYZE pgbench_branches, pgbench_tellers, pgbench_accounts, pgbench_history");
        }
    }

    private double jdbcTps(int clients, int seconds) throws SQLException, InterruptedException {
        List<Connection> connections = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            Connection connection = connect();
            connection.setAutoCommit(false);
            connections.add(connection);
        }
        LongAdder committed = new LongAdder();
        long start = System.nanoTime();
        long end = start + seconds * 1_000_000_000L;
        List<Thread> threads = new ArrayList<>();
        for (Connection connection : connections) {
            threads.add(Thread.ofPlatform().start(() -> {
                try {
                    while (System.nanoTime() < end) {
                        transaction(connection);
                        committed.increment();
                    }
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            }));
        }
        for (Thread thread : threads) {
            thread.join();
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        for (Connection connection : connections) {
            connection.close();
        }
        return committed.sum() / elapsed;
    }

    private static void transaction(Connection connection) throws SQLException {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        int aid = random.nextInt(1, 100_001);
        int bid = 1;
        int tid = random.nextInt(1, 11);
        int delta = random.nextInt(-5000, 5001);
        try (PreparedStatement account = connection.prepareStatement(
                        "UPDATE pgbench_accounts SET abalance = abalance + ? WHERE aid = ?");
                PreparedStatement balance =
                        connection.prepareStatement("SELECT abalance FROM pgbench_accounts WHERE aid = ?");
                PreparedStatement teller = connection.prepareStatement(
                        "UPDATE pgbench_tellers SET tbalance = tbalance + ? WHERE tid = ?");
                PreparedStatement branch = connection.prepareStatement(
                        "UPDATE pgbench_branches SET bbalance = bbalance + ? WHERE bid = ?");
                PreparedStatement history = connection.prepareStatement("INSERT INTO pgbench_history"
                        + " (tid, bid, aid, delta, mtime) VALUES (?, ?, ?, ?, CURRENT_TIMESTAMP)")) {
            account.setInt(1, delta);
            account.setInt(2, aid);
            account.executeUpdate();
            balance.setInt(1, aid);
            balance.executeQuery().close();
            teller.setInt(1, delta);
            teller.setInt(2, tid);
            teller.executeUpdate();
            branch.setInt(1, delta);
            branch.setInt(2, bid);
            branch.executeUpdate();
            history.setInt(1, tid);
            history.setInt(2, bid);
            history.setInt(3, aid);
            history.setInt(4, delta);
            history.executeUpdate();
            connection.commit();
        }
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl, user, password);
    }
}
