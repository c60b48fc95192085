package org.atoll.bench;

import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.LongAdder;
import org.atoll.account.AccountView;
import org.atoll.account.NewAccount;
import org.atoll.mailbox.Mailboxes;
import org.atoll.mailbox.MessageView;
import org.atoll.mailbox.SystemFolder;
import org.atoll.wbxml.WbxmlElement;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The Sync workloads W1, W2, W4 and W5 of BENCHMARKS.md, driven over HTTP by the device simulator ({@link
 * LoadClient}) against an Atoll server started in this JVM, each figure beside its baseline measured in the same
 * run: the server's trivial endpoint for HTTP work, pgbench TPC-B against the same PostgreSQL for database work.
 *
 * <p>Run one workload (or several, in one server): {@code ./mvnw -q test-compile exec:java
 * -Dexec.classpathScope=test -Dexec.mainClass=org.atoll.bench.SyncBenchmark -Dexec.args="W1"}. Settings follow as
 * {@code name=value}: {@code rounds=5 warmup=2 devices=1000 polls=5 connections=64 messages=10000 initial-devices=8
 * writers=64 writer-syncs=20 pgbench-seconds=5 checks=50 admission-slots=0 statements=0}; smaller counts make a
 * quick run; {@code admission-slots} sets {@code atoll.eas.max-database-requests} (0: the server's default, the
 * pool's size); {@code statements=N} prints the N statements that took PostgreSQL the most time in each workload's
 * measured Syncs ({@link StatementTimes}; it slows the server, so its rates do not count).
 *
 * <p>Accounts and messages are seeded through the Spring beans, which is much faster than over HTTP; every measured
 * request is a real ActiveSync request. Each workload starts with warm-up rounds that are not counted: the JIT
 * compiler is still at work in the first ones.
 */
public final class SyncBenchmark {

    private static final String PASSWORD = "benchmark-password";
    private static final int BODY_BYTES = 4 * 1024;

    public static void main(String[] args) throws Exception {
        Settings settings = Settings.parse(args);
        String[] admission = settings.admissionSlots() > 0
                ? new String[] {"--atoll.eas.max-database-requests=" + settings.admissionSlots()}
                : new String[0];
        try (BenchServer server = new BenchServer(200, admission)) {
            new SyncBenchmark(server, settings).run();
        }
    }

    /** The workloads to run and the counts they use. */
    record Settings(
            List<String> workloads,
            int rounds,
            int warmup,
            int devices,
            int polls,
            int connections,
            int messages,
            int initialDevices,
            int writers,
            int writerSyncs,
            int pgbenchSeconds,
            int checks,
            int admissionSlots,
            int statements) {

        static Settings parse(String[] args) {
            List<String> workloads = new ArrayList<>();
            Map<String, Integer> values = new HashMap<>();
            for (String arg : args) {
                for (String word : arg.trim().split("\\s+")) {
                    if (word.isEmpty()) {
                        continue;
                    }
                    int equals = word.indexOf('=');
                    if (equals > 0) {
                        values.put(word.substring(0, equals), Integer.parseInt(word.substring(equals + 1)));
                    } else if (word.matches("(?i)W[1245]")) {
                        workloads.add(word.toUpperCase(Locale.ROOT));
                    } else {
                        throw new IllegalArgumentException(
                                "Unknown argument " + word + "; expected W1, W2, W4, W5 " + "or name=value");
                    }
                }
            }
            if (workloads.isEmpty()) {
                workloads.addAll(List.of("W1", "W2", "W4", "W5"));
            }
            Settings settings = new Settings(
                    workloads,
                    values.getOrDefault("rounds", 5),
                    values.getOrDefault("warmup", 2),
                    values.getOrDefault("devices", 1000),
                    values.getOrDefault("polls", 5),
                    values.getOrDefault("connections", 64),
                    values.getOrDefault("messages", 10_000),
                    values.getOrDefault("initial-devices", 8),
                    values.getOrDefault("writers", 64),
                    values.getOrDefault("writer-syncs", 20),
                    values.getOrDefault("pgbench-seconds", 5),
                    values.getOrDefault("checks", 50),
                    values.getOrDefault("admission-slots", 0),
                    values.getOrDefault("statements", 0));
            values.keySet()
                    .removeAll(List.of(
                            "rounds",
                            "warmup",
                            "devices",
                            "polls",
                            "connections",
                            "messages",
                            "initial-devices",
                            "writers",
                            "writer-syncs",
                            "pgbench-seconds",
                            "checks",
                            "admission-slots",
                            "statements"));
            if (!values.isEmpty()) {
                throw new IllegalArgumentException("Unknown settings " + values.keySet());
            }
            return settings;
        }
    }

    private final BenchServer server;
    private final Settings settings;
    private final Mailboxes mailboxes;
    private final TpcB tpcb;
    private final AdmissionTimes admission;
    private final CpuClock cpu;
    private final StatementTimes statements;
    private List<SimDevice> population = List.of();

    private SyncBenchmark(BenchServer server, Settings settings) {
        this.server = server;
        this.settings = settings;
        this.mailboxes = server.mailboxes();
        this.admission = new AdmissionTimes(server.meters());
        HikariDataSource dataSource = server.dataSource();
        this.cpu = new CpuClock(JdbcClient.create(dataSource));
        this.statements = new StatementTimes(JdbcClient.create(dataSource), server.databaseLog());
        this.tpcb = new TpcB(dataSource.getJdbcUrl(), dataSource.getUsername(), dataSource.getPassword());
    }

    private void run() throws Exception {
        System.out.printf(
                "Atoll Sync benchmark: %s; %d cores, Java %s; server and load client in one JVM; %s%n",
                settings.workloads(), Runtime.getRuntime().availableProcessors(), Runtime.version(), settings);
        System.out.println("Database baseline: " + tpcb.describe());
        System.out.printf(
                "Admission: %d ActiveSync requests do database work at once, the rest wait for a slot%n",
                server.admissionSlots());
        for (String workload : settings.workloads()) {
            server.resetPoolPeaks();
            switch (workload) {
                case "W1" -> noChangeSync();
                case "W2" -> incrementalSync();
                case "W4" -> initialSync();
                case "W5" -> deviceChanges();
                default -> throw new IllegalStateException(workload);
            }
        }
    }

    // ---- W1

    /** W1: devices with established state poll their Inbox; nothing changed. */
    private void noChangeSync() throws Exception {
        System.out.printf(
                "%nW1 no-change Sync: %d devices (one account each) poll their Inbox %d times per round,"
                        + " %d connections, %d rounds after %d warm-up%n",
                settings.devices(), settings.polls(), settings.connections(), settings.rounds(), settings.warmup());
        try (LoadClient client = new LoadClient(server.port(), settings.connections())) {
            List<SimDevice> devices = population(client, settings.devices());
            Figure trivialRate = new Figure("baseline: trivial GET, 5-byte body", "req/s");
            Figure trivialP99 = new Figure("baseline: trivial GET p99", "ms");
            Figure syncRate = new Figure("no-change Syncs", "Syncs/s");
            Figure syncP99 = new Figure("no-change Sync p99", "ms");
            Figure waitP99 = new Figure("no-change Sync: wait for a database slot, p99", "ms");
            Figure signInP99 = new Figure("no-change Sync: sign-in's wait for a database slot, p99", "ms");
            CpuFigures trivialCpu = new CpuFigures("trivial GET");
            CpuFigures syncCpu = new CpuFigures("no-change Sync");
            Figure workP99 = new Figure("no-change Sync: work in its slot, p99", "ms");
            LongAdder changed = new LongAdder();
            for (int round = 1 - settings.warmup(); round <= settings.rounds(); round++) {
                Samples trivial = new Samples();
                CpuClock.Cpu beforeTrivial = cpu.now();
                double trivialSeconds = timed(() -> client.each(devices, device -> {
                    for (int i = 0; i < settings.polls(); i++) {
                        client.get(TrivialEndpoint.SMALL, trivial);
                    }
                }));
                CpuClock.Cpu afterTrivial = cpu.now();
                Samples syncs = new Samples();
                AdmissionTimes.Mark mark = admission.mark();
                statementsFrom(round);
                double syncSeconds = timed(() -> client.each(devices, device -> {
                    for (int i = 0; i < settings.polls(); i++) {
                        poll(client, device, syncs, changed);
                    }
                }));
                statementsUntil(round);
                CpuClock.Cpu afterSyncs = cpu.now();
                if (round < 1) {
                    continue;
                }
                trivialCpu.add(beforeTrivial, afterTrivial, trivial.count());
                syncCpu.add(afterTrivial, afterSyncs, syncs.count());
                trivialRate.add(trivial.count() / trivialSeconds);
                trivialP99.add(trivial.percentileMillis(99));
                syncRate.add(syncs.count() / syncSeconds);
                syncP99.add(syncs.percentileMillis(99));
                waitP99.add(admission.waitP99(mark));
                signInP99.add(admission.signInWaitP99(mark));
                workP99.add(admission.workP99(mark));
                System.out.printf(
                        "  round %d: trivial %s req/s (p99 %s ms), Sync %s/s (p99 %s ms; wait p99 %s ms, sign-in's wait p99 %s ms, work p99 %s"
                                + " ms)%n",
                        round,
                        Figure.number(trivialRate.value(round - 1)),
                        Figure.number(trivialP99.value(round - 1)),
                        Figure.number(syncRate.value(round - 1)),
                        Figure.number(syncP99.value(round - 1)),
                        Figure.number(waitP99.value(round - 1)),
                        Figure.number(signInP99.value(round - 1)),
                        Figure.number(workP99.value(round - 1)));
            }
            if (changed.sum() > 0) {
                client.error("W1: a poll brought changes where nothing changed (" + changed.sum() + ")");
            }
            int retried =
                    retryChecks(client, devices, device -> LoadClient.collectionRequest(device, device.syncKey, 0));
            print(trivialRate, trivialP99, syncRate, syncP99, waitP99, signInP99, workP99);
            trivialCpu.print();
            syncCpu.print();
            printStatements("W1's no-change Syncs");
            System.out.println("  "
                    + syncRate.over(trivialRate, "ratio Syncs/s ÷ trivial req/s")
                            .line() + "   goal ≥ 0.30");
            System.out.println("  "
                    + syncP99.over(trivialP99, "ratio Sync p99 ÷ trivial p99").line() + "   goal ≤ 3");
            System.out.printf("  retried polls answered identically: %d of %d checked%n", retried, checkCount(devices));
            finish(client);
        }
    }

    private static void poll(LoadClient client, SimDevice device, Samples samples, LongAdder changed) {
        client.sync(device, LoadClient.collectionRequest(device, device.syncKey, 0), samples)
                .ifPresent(collection -> {
                    if (collection.child("Commands").isPresent()) {
                        changed.increment();
                    }
                    client.apply(device, collection);
                });
    }

    // ---- W2

    /** W2: each device has one new ~4 KB message; one Sync with WindowSize 1 brings it. */
    private void incrementalSync() throws Exception {
        System.out.printf(
                "%nW2 incremental Sync: %d devices (one account each), one new ~4 KB message each per round,"
                        + " WindowSize 1, %d connections, %d rounds after %d warm-up; pgbench at 8 clients, %d s%n",
                settings.devices(),
                settings.connections(),
                settings.rounds(),
                settings.warmup(),
                settings.pgbenchSeconds());
        try (LoadClient client = new LoadClient(server.port(), settings.connections())) {
            List<SimDevice> devices = population(client, settings.devices());
            Figure tps = new Figure("baseline: pgbench TPC-B, 8 clients", "tps");
            Figure syncRate = new Figure("incremental Syncs (1 Add each)", "Syncs/s");
            Figure syncP99 = new Figure("incremental Sync p99", "ms");
            Figure waitP99 = new Figure("incremental Sync: wait for a database slot, p99", "ms");
            Figure signInP99 = new Figure("incremental Sync: sign-in's wait for a database slot, p99", "ms");
            CpuFigures tpcbCpu = new CpuFigures("TPC-B transaction");
            CpuFigures syncCpu = new CpuFigures("incremental Sync");
            Figure workP99 = new Figure("incremental Sync: work in its slot, p99", "ms");
            LongAdder wrongCount = new LongAdder();
            for (int round = 1 - settings.warmup(); round <= settings.rounds(); round++) {
                CpuClock.Cpu beforeTpcb = cpu.now();
                double transactions = tpcb.tps(8, settings.pgbenchSeconds());
                CpuClock.Cpu afterTpcb = cpu.now();
                int r = round;
                deliverEach(devices, (device, index) -> StoreBenchmark.message(200 + r, index, BODY_BYTES));
                Samples syncs = new Samples();
                AdmissionTimes.Mark mark = admission.mark();
                CpuClock.Cpu beforeSyncs = cpu.now();
                statementsFrom(round);
                double seconds = timed(() -> client.each(
                        devices,
                        device -> client.sync(device, LoadClient.collectionRequest(device, device.syncKey, 1), syncs)
                                .ifPresent(collection -> {
                                    if (client.apply(device, collection) != 1) {
                                        wrongCount.increment();
                                    }
                                })));
                statementsUntil(round);
                CpuClock.Cpu afterSyncs = cpu.now();
                if (round < 1) {
                    continue;
                }
                tpcbCpu.add(beforeTpcb, afterTpcb, Math.round(transactions * settings.pgbenchSeconds()));
                syncCpu.add(beforeSyncs, afterSyncs, syncs.count());
                tps.add(transactions);
                syncRate.add(syncs.count() / seconds);
                syncP99.add(syncs.percentileMillis(99));
                waitP99.add(admission.waitP99(mark));
                signInP99.add(admission.signInWaitP99(mark));
                workP99.add(admission.workP99(mark));
                System.out.printf(
                        "  round %d: pgbench %s tps, Sync %s/s (p99 %s ms; wait p99 %s ms, sign-in's wait p99 %s ms, work p99 %s ms)%n",
                        round,
                        Figure.number(transactions),
                        Figure.number(syncRate.value(round - 1)),
                        Figure.number(syncP99.value(round - 1)),
                        Figure.number(waitP99.value(round - 1)),
                        Figure.number(signInP99.value(round - 1)),
                        Figure.number(workP99.value(round - 1)));
            }
            if (wrongCount.sum() > 0) {
                client.error("W2: a Sync did not bring exactly the one new message (" + wrongCount.sum() + ")");
            }
            Mismatch mismatch = compareWithServer(devices);
            int retried = retryChecks(client, devices, device -> {
                mailboxes.deliver(
                        device.accountId,
                        device.inbox,
                        StoreBenchmark.message(299, devices.indexOf(device), BODY_BYTES),
                        null);
                return LoadClient.collectionRequest(device, device.syncKey, 1);
            });
            print(tps, syncRate, syncP99, waitP99, signInP99, workP99);
            tpcbCpu.print();
            syncCpu.print();
            printStatements("the measured Syncs");
            System.out.println(
                    "  " + syncRate.over(tps, "ratio Syncs/s ÷ TPC-B tps").line() + "   goal ≥ 0.5; p99 goal ≤ 50 ms");
            System.out.printf(
                    "  exactly once: %d devices hold %d items; %d duplicate Adds, %d lost, %d unknown to the server%n",
                    devices.size(), mismatch.held, client.count(LoadClient.DUPLICATE), mismatch.lost, mismatch.unknown);
            System.out.printf(
                    "  lost responses re-sent (same SyncKey twice) answered identically: %d of %d checked%n",
                    retried, checkCount(devices));
            finish(client);
        }
    }

    // ---- W4

    /** W4: a few new devices, in parallel, FolderSync and then Sync a large Inbox with WindowSize 100. */
    private void initialSync() throws IOException {
        int count = settings.initialDevices();
        System.out.printf(
                "%nW4 initial sync: %d new devices of one account in parallel, FolderSync then Sync of a %,d-message"
                        + " Inbox (~4 KB bodies), WindowSize 100 until no MoreAvailable, %d connections,"
                        + " %d rounds after %d warm-up%n",
                count, settings.messages(), count, settings.rounds(), settings.warmup());
        AccountView account =
                server.accounts().create(NewAccount.user("w4-" + System.nanoTime() + "@bench.test", PASSWORD));
        long inbox = mailboxes.systemFolder(account.id(), SystemFolder.INBOX).id();
        double seeding = timed(() -> {
            for (int i = 0; i < settings.messages(); i++) {
                mailboxes.deliver(account.id(), inbox, StoreBenchmark.message(400, i, BODY_BYTES), null);
            }
        });
        System.out.printf("  seeded %,d messages in %.1f s%n", settings.messages(), seeding);
        Set<String> serverIds = serverIds(account.id(), inbox);
        try (LoadClient client = new LoadClient(server.port(), count)) {
            Figure trivialRate = new Figure("baseline: trivial GET, 4 KB body", "req/s");
            Figure itemRate = new Figure("items delivered, all devices", "items/s");
            Figure oneDevice = new Figure("time for one device's items (median device)", "s");
            Figure slowest = new Figure("time for one device's items (slowest device)", "s");
            Figure windowP99 = new Figure("Sync p99 (one window of 100)", "ms");
            Figure waitP99 = new Figure("FolderSync and Sync: wait for a database slot, p99", "ms");
            Figure signInP99 = new Figure("FolderSync and Sync: sign-in's wait for a database slot, p99", "ms");
            Figure workP99 = new Figure("FolderSync and Sync: work in its slot, p99", "ms");
            int wrong = 0;
            for (int round = 1 - settings.warmup(); round <= settings.rounds(); round++) {
                List<SimDevice> devices = new ArrayList<>();
                for (int i = 0; i < count; i++) {
                    devices.add(new SimDevice(
                            account.id(), account.address(), PASSWORD, "W4R" + (round + settings.warmup()) + "D" + i));
                }
                client.each(devices, client::provision);
                Samples trivial = new Samples();
                double trivialSeconds = timed(() -> client.each(devices, device -> {
                    for (int i = 0; i < settings.messages() / 10; i++) {
                        client.get(TrivialEndpoint.LARGE, trivial);
                    }
                }));
                Samples windows = new Samples();
                Map<SimDevice, Double> perDevice = Collections.synchronizedMap(new HashMap<>());
                LongAdder items = new LongAdder();
                AdmissionTimes.Mark mark = admission.mark();
                statementsFrom(round);
                double seconds = timed(() -> client.each(devices, device -> {
                    long start = System.nanoTime();
                    if (client.folderSync(device, null) && client.primeInbox(device, 100)) {
                        items.add(client.syncFully(device, 100, windows));
                    }
                    perDevice.put(device, (System.nanoTime() - start) / 1e9);
                }));
                statementsUntil(round);
                for (SimDevice device : devices) {
                    if (!device.items.keySet().equals(serverIds)) {
                        wrong++;
                    }
                }
                if (round < 1) {
                    continue;
                }
                double[] times = perDevice.values().stream()
                        .mapToDouble(Double::doubleValue)
                        .sorted()
                        .toArray();
                trivialRate.add(trivial.count() / trivialSeconds);
                itemRate.add(items.sum() / seconds);
                oneDevice.add(times[times.length / 2]);
                slowest.add(times[times.length - 1]);
                windowP99.add(windows.percentileMillis(99));
                waitP99.add(admission.waitP99(mark));
                signInP99.add(admission.signInWaitP99(mark));
                workP99.add(admission.workP99(mark));
                System.out.printf(
                        "  round %d: trivial 4 KB %s req/s, %s items/s, one device %s s (slowest %s s)%n",
                        round,
                        Figure.number(trivialRate.value(round - 1)),
                        Figure.number(itemRate.value(round - 1)),
                        Figure.number(oneDevice.value(round - 1)),
                        Figure.number(slowest.value(round - 1)));
            }
            if (wrong > 0) {
                client.error("W4: a device's Inbox differs from the server's after the initial sync (" + wrong + ")");
            }
            SimDevice check = new SimDevice(account.id(), account.address(), PASSWORD, "W4RETRY");
            boolean identical = client.provision(check)
                    && client.folderSync(check, null)
                    && client.primeInbox(check, 100)
                    && retried(client, check, LoadClient.collectionRequest(check, check.syncKey, 100));
            print(trivialRate, itemRate, oneDevice, slowest, windowP99, waitP99, signInP99, workP99);
            printStatements("the measured initial syncs");
            System.out.println("  "
                    + itemRate.over(trivialRate, "ratio items/s ÷ trivial 4 KB req/s")
                            .line() + "   goal ≥ 1.0;" + " one device's items goal ≤ 5 s");
            System.out.printf(
                    "  exactly once: every device of every round held exactly the server's %,d items: %s%n",
                    serverIds.size(), wrong == 0 ? "yes" : "NO");
            System.out.printf("  a re-sent window of 100 answered identically: %s%n", identical ? "yes" : "NO");
            finish(client);
        }
    }

    // ---- W5

    /** W5: each connection is a device sending Syncs of 10 Changes (read or flag) and 2 Deletes. */
    private void deviceChanges() throws Exception {
        int writers = settings.writers();
        int perSync = 12;
        int messages = (settings.rounds() + settings.warmup()) * settings.writerSyncs() * 2 + perSync + 20;
        System.out.printf(
                "%nW5 device-originated changes: %d writing devices (one account each, %d messages), %d Syncs per"
                        + " device per round, each with 10 Changes (read or flag) and 2 Deletes; %d connections,"
                        + " %d rounds after %d warm-up; pgbench at 32 clients, %d s%n",
                writers,
                messages,
                settings.writerSyncs(),
                settings.connections(),
                settings.rounds(),
                settings.warmup(),
                settings.pgbenchSeconds());
        try (LoadClient client = new LoadClient(server.port(), settings.connections())) {
            List<AccountView> accounts = createAccounts("w5", writers);
            List<SimDevice> writing = new ArrayList<>();
            List<SimDevice> watching = new ArrayList<>();
            for (int i = 0; i < writers; i++) {
                AccountView account = accounts.get(i);
                writing.add(new SimDevice(account.id(), account.address(), PASSWORD, "W5WRITER" + i));
                watching.add(new SimDevice(account.id(), account.address(), PASSWORD, "W5WATCHER" + i));
            }
            double seeding = timed(() -> deliverEach(writing, messages, 1024));
            System.out.printf("  seeded %,d messages in %.1f s%n", writers * messages, seeding);
            List<SimDevice> everyone = new ArrayList<>(writing);
            everyone.addAll(watching);
            establish(client, everyone);

            Figure tps = new Figure("baseline: pgbench TPC-B, 32 clients", "tps");
            Figure changeRate = new Figure("applied changes (Change + Delete)", "changes/s");
            Figure syncP99 = new Figure("Sync p99 (12 changes each)", "ms");
            Figure waitP99 = new Figure("Sync with changes: wait for a database slot, p99", "ms");
            Figure signInP99 = new Figure("Sync with changes: sign-in's wait for a database slot, p99", "ms");
            CpuFigures tpcbCpu = new CpuFigures("TPC-B transaction");
            CpuFigures syncCpu = new CpuFigures("Sync with 12 changes");
            Figure workP99 = new Figure("Sync with changes: work in its slot, p99", "ms");
            LongAdder echoes = new LongAdder();
            int differing = 0;
            for (int round = 1 - settings.warmup(); round <= settings.rounds(); round++) {
                CpuClock.Cpu beforeTpcb = cpu.now();
                double transactions = tpcb.tps(32, settings.pgbenchSeconds());
                CpuClock.Cpu afterTpcb = cpu.now();
                Samples syncs = new Samples();
                LongAdder applied = new LongAdder();
                AdmissionTimes.Mark mark = admission.mark();
                statementsFrom(round);
                double seconds = timed(() -> client.each(writing, device -> {
                    for (int i = 0; i < settings.writerSyncs(); i++) {
                        WbxmlElement collection = LoadClient.collectionRequest(device, device.syncKey, 0)
                                .add(changes(device));
                        client.sync(device, collection, syncs).ifPresent(answer -> {
                            if (answer.child("Commands").isPresent()) {
                                echoes.increment();
                            }
                            long failed = answer.child("Responses")
                                    .map(r -> r.children().stream()
                                            .filter(c ->
                                                    !c.text("Status").orElse("").equals("1"))
                                            .count())
                                    .orElse(0L);
                            applied.add(perSync - failed);
                            client.apply(device, answer);
                        });
                    }
                }));
                statementsUntil(round);
                CpuClock.Cpu afterSyncs = cpu.now();
                double waited = admission.waitP99(mark);
                double signInWaited = admission.signInWaitP99(mark);
                double worked = admission.workP99(mark);
                client.each(watching, device -> client.syncFully(device, 100, null));
                for (int i = 0; i < writers; i++) {
                    differing += differences(watching.get(i), writing.get(i));
                }
                if (round < 1) {
                    continue;
                }
                tpcbCpu.add(beforeTpcb, afterTpcb, Math.round(transactions * settings.pgbenchSeconds()));
                syncCpu.add(afterTpcb, afterSyncs, syncs.count());
                tps.add(transactions);
                changeRate.add(applied.sum() / seconds);
                syncP99.add(syncs.percentileMillis(99));
                waitP99.add(waited);
                signInP99.add(signInWaited);
                workP99.add(worked);
                System.out.printf(
                        "  round %d: pgbench %s tps, %s changes/s (p99 %s ms; wait p99 %s ms, sign-in's wait p99 %s ms, work p99 %s ms)%n",
                        round,
                        Figure.number(transactions),
                        Figure.number(changeRate.value(round - 1)),
                        Figure.number(syncP99.value(round - 1)),
                        Figure.number(waitP99.value(round - 1)),
                        Figure.number(signInP99.value(round - 1)),
                        Figure.number(workP99.value(round - 1)));
            }
            if (echoes.sum() > 0) {
                client.error("W5: the writing device received server commands (echo) (" + echoes.sum() + ")");
            }
            if (differing > 0) {
                client.error(
                        "W5: an item differs between the other device, the writer and the server (" + differing + ")");
            }
            int retried = retryChecks(
                    client,
                    writing,
                    device -> LoadClient.collectionRequest(device, device.syncKey, 0)
                            .add(WbxmlElement.of(LoadClient.A, "Commands").add(readChange(device))));
            print(tps, changeRate, syncP99, waitP99, signInP99, workP99);
            tpcbCpu.print();
            syncCpu.print();
            printStatements("the measured Syncs");
            System.out.println("  "
                    + changeRate.over(tps, "ratio changes/s ÷ TPC-B tps").line() + "   goal ≥ 2; p99 goal ≤ 100 ms");
            System.out.printf(
                    "  other devices: after every round each account's second device held exactly the writer's and"
                            + " the server's state: %s (%d items differed)%n",
                    differing == 0 ? "yes" : "NO", differing);
            System.out.printf(
                    "  retried change requests answered identically: %d of %d checked%n", retried, checkCount(writing));
            finish(client);
        }
    }

    /** The Commands of one W5 Sync: 10 Changes alternating read and flag, 2 Deletes, on items the device holds. */
    private static WbxmlElement changes(SimDevice device) {
        List<String> held = new ArrayList<>(device.items.keySet());
        held.sort(null);
        int start = device.turn++ * 12 % Math.max(1, held.size() - 12);
        WbxmlElement commands = WbxmlElement.of(LoadClient.A, "Commands");
        for (int i = 0; i < 10; i++) {
            String serverId = held.get(start + i);
            SimDevice.Held item = device.items.get(serverId);
            WbxmlElement data = WbxmlElement.of(LoadClient.A, "ApplicationData");
            if (i % 2 == 0) {
                data.add(LoadClient.EMAIL, "Read", item.read() ? "0" : "1");
                device.items.put(serverId, new SimDevice.Held(!item.read(), item.flagStatus()));
            } else {
                boolean flagged = item.flagStatus().equals("2");
                WbxmlElement flag = WbxmlElement.of(LoadClient.EMAIL, "Flag");
                if (!flagged) {
                    flag.add("Status", "2").add("FlagType", "for Follow Up");
                }
                data.add(flag);
                device.items.put(serverId, new SimDevice.Held(item.read(), flagged ? "0" : "2"));
            }
            commands.add(WbxmlElement.of(LoadClient.A, "Change")
                    .add("ServerId", serverId)
                    .add(data));
        }
        for (int i = 10; i < 12; i++) {
            String serverId = held.get(start + i);
            device.items.remove(serverId);
            commands.add(WbxmlElement.of(LoadClient.A, "Delete").add("ServerId", serverId));
        }
        return commands;
    }

    private static WbxmlElement readChange(SimDevice device) {
        String serverId = device.items.keySet().iterator().next();
        SimDevice.Held item = device.items.get(serverId);
        device.items.put(serverId, new SimDevice.Held(!item.read(), item.flagStatus()));
        return WbxmlElement.of(LoadClient.A, "Change")
                .add("ServerId", serverId)
                .add(WbxmlElement.of(LoadClient.A, "ApplicationData")
                        .add(LoadClient.EMAIL, "Read", item.read() ? "0" : "1"));
    }

    /** Items where the watching device, the writing device and the server do not all agree. */
    private int differences(SimDevice watcher, SimDevice writer) {
        Map<String, SimDevice.Held> server = new HashMap<>();
        for (MessageView message : mailboxes.messages(watcher.accountId, watcher.inbox, 0, Mailboxes.MAX_PAGE)) {
            server.put(
                    watcher.inbox + ":" + message.id(),
                    new SimDevice.Held(
                            message.read(),
                            Integer.toString(message.flag().status().code())));
        }
        Set<String> all = new HashSet<>(server.keySet());
        all.addAll(watcher.items.keySet());
        all.addAll(writer.items.keySet());
        int differing = 0;
        for (String serverId : all) {
            SimDevice.Held truth = server.get(serverId);
            if (truth == null
                    || !truth.equals(watcher.items.get(serverId))
                    || !truth.equals(writer.items.get(serverId))) {
                differing++;
            }
        }
        return differing;
    }

    // ---- devices and seeding

    /** The devices W1 and W2 share: one account each, provisioned, with their Inbox synced. */
    private List<SimDevice> population(LoadClient client, int count) {
        if (population.size() == count) {
            return population;
        }
        List<AccountView> accounts = createAccounts("pop", count);
        List<SimDevice> devices = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            AccountView account = accounts.get(i);
            devices.add(new SimDevice(account.id(), account.address(), PASSWORD, "POPULATION" + i));
        }
        establish(client, devices);
        population = devices;
        return devices;
    }

    /** Provision, FolderSync and a full Sync of the Inbox for each device, not measured. */
    private static void establish(LoadClient client, List<SimDevice> devices) {
        double seconds = timed(() -> client.each(devices, device -> {
            if (client.provision(device) && client.folderSync(device, null) && client.primeInbox(device, 100)) {
                client.syncFully(device, 100, null);
            }
        }));
        System.out.printf(
                "  %d devices provisioned, folder-synced and Inbox-synced in %.1f s%n", devices.size(), seconds);
    }

    /** Accounts with this benchmark's password; hashing passwords is slow by design, so on every core. */
    private List<AccountView> createAccounts(String prefix, int count) {
        long run = System.nanoTime();
        List<AccountView> created = new ArrayList<>();
        double seconds = timed(() -> {
            try (ExecutorService pool =
                    Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors())) {
                List<Future<AccountView>> futures = new ArrayList<>();
                for (int i = 0; i < count; i++) {
                    String address = prefix + "-" + run + "-" + i + "@bench.test";
                    futures.add(pool.submit(() -> server.accounts().create(NewAccount.user(address, PASSWORD))));
                }
                for (Future<AccountView> future : futures) {
                    created.add(future.get());
                }
            }
        });
        System.out.printf("  created %d accounts in %.1f s%n", count, seconds);
        return created;
    }

    /** What one device's account is delivered. */
    @FunctionalInterface
    private interface MessageFor {
        byte[] message(SimDevice device, int index);
    }

    /** One message into each device's Inbox, accounts in parallel. */
    private void deliverEach(List<SimDevice> devices, MessageFor message) throws Exception {
        try (ExecutorService pool = Executors.newFixedThreadPool(4)) {
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < devices.size(); i++) {
                SimDevice device = devices.get(i);
                int index = i;
                futures.add(pool.submit(() ->
                        mailboxes.deliver(device.accountId, inbox(device), message.message(device, index), null)));
            }
            for (Future<?> future : futures) {
                future.get();
            }
        }
    }

    /** {@code count} messages of about {@code size} bytes into each device's Inbox, accounts in parallel. */
    private void deliverEach(List<SimDevice> devices, int count, int size) throws Exception {
        try (ExecutorService pool = Executors.newFixedThreadPool(4)) {
            List<Future<?>> futures = new ArrayList<>();
            for (int d = 0; d < devices.size(); d++) {
                SimDevice device = devices.get(d);
                int seed = 500 + d;
                futures.add(pool.submit(() -> {
                    long inbox = inbox(device);
                    for (int i = 0; i < count; i++) {
                        mailboxes.deliver(device.accountId, inbox, StoreBenchmark.message(seed, i, size), null);
                    }
                }));
            }
            for (Future<?> future : futures) {
                future.get();
            }
        }
    }

    private long inbox(SimDevice device) {
        return mailboxes.systemFolder(device.accountId, SystemFolder.INBOX).id();
    }

    // ---- checks

    /** The ServerIds of a folder as the server holds it. */
    private Set<String> serverIds(long accountId, long folderId) {
        Set<String> ids = new HashSet<>();
        int offset = 0;
        List<MessageView> page;
        do {
            page = mailboxes.messages(accountId, folderId, offset, Mailboxes.MAX_PAGE);
            page.forEach(message -> ids.add(folderId + ":" + message.id()));
            offset += page.size();
        } while (page.size() == Mailboxes.MAX_PAGE);
        return ids;
    }

    private record Mismatch(long held, long lost, long unknown) {}

    /** Compares each device's Inbox with the server's: losses and items the server does not have. */
    private Mismatch compareWithServer(List<SimDevice> devices) {
        long held = 0;
        long lost = 0;
        long unknown = 0;
        for (SimDevice device : devices) {
            Set<String> server = serverIds(device.accountId, device.inbox);
            held += device.items.size();
            for (String id : server) {
                if (!device.items.containsKey(id)) {
                    lost++;
                }
            }
            for (String id : device.items.keySet()) {
                if (!server.contains(id)) {
                    unknown++;
                }
            }
        }
        return new Mismatch(held, lost, unknown);
    }

    /** What a device sends twice in a retry check. */
    @FunctionalInterface
    private interface RetryRequest {
        WbxmlElement collection(SimDevice device) throws Exception;
    }

    private int checkCount(List<SimDevice> devices) {
        return Math.min(settings.checks(), devices.size());
    }

    /**
     * Sends the same Sync twice, as a device does when it lost the answer, for the first devices; counts those
     * answered identically (the second answer is applied).
     */
    private int retryChecks(LoadClient client, List<SimDevice> devices, RetryRequest request) throws Exception {
        int identical = 0;
        for (SimDevice device : devices.subList(0, checkCount(devices))) {
            if (retried(client, device, request.collection(device))) {
                identical++;
            }
        }
        return identical;
    }

    private static boolean retried(LoadClient client, SimDevice device, WbxmlElement collection) {
        Optional<WbxmlElement> first = client.sync(device, collection, null);
        Optional<WbxmlElement> second = client.sync(device, collection, null);
        second.ifPresent(answer -> client.apply(device, answer));
        boolean same = first.isPresent() && first.equals(second);
        if (!same) {
            client.error("a re-sent request was answered differently");
        }
        return same;
    }

    // ---- printing

    /**
     * CPU per operation over a timed phase, as {@link CpuClock} reads it: this JVM's (the server's and the load
     * client's together) and PostgreSQL's server processes'. For pgbench's phase only PostgreSQL's counts; pgbench is
     * a process of its own.
     */
    private static final class CpuFigures {

        private final Figure jvm;
        private final Figure database;

        CpuFigures(String operation) {
            this.jvm = new Figure(operation + ": JVM CPU each (server and load client)", "µs");
            this.database = new Figure(operation + ": PostgreSQL CPU each", "µs");
        }

        void add(CpuClock.Cpu before, CpuClock.Cpu after, long operations) {
            if (operations > 0) {
                jvm.add(after.jvmMicrosSince(before) / operations);
                database.add(after.databaseMicrosSince(before) / operations);
            }
        }

        void print() {
            SyncBenchmark.print(jvm, database);
        }
    }

    /** Logs the statements' durations from here on in a measured round, when asked to ({@code statements=N}). */
    private void statementsFrom(int round) throws IOException {
        if (settings.statements() > 0 && round >= 1) {
            statements.resume();
        }
    }

    private void statementsUntil(int round) throws IOException {
        if (settings.statements() > 0 && round >= 1) {
            statements.pause();
        }
    }

    private void printStatements(String what) throws IOException {
        if (settings.statements() > 0) {
            statements.print(what, settings.statements());
        }
    }

    private static void print(Figure... figures) {
        for (Figure figure : figures) {
            System.out.println("  " + figure.line());
        }
    }

    private void finish(LoadClient client) {
        System.out.println("  resources at the end: " + server.resources());
        System.out.printf(
                "  requests answered 503 with Retry-After (no database slot in time) and sent again: %d%n",
                client.takeResent());
        Map<String, Long> errors = client.takeErrors();
        if (errors.isEmpty()) {
            System.out.println("  errors: none (every answer HTTP 200 with Status 1, every change applied once)");
        } else {
            System.out.println("  errors:");
            errors.forEach((kind, count) -> System.out.printf("    %,d × %s%n", count, kind));
        }
    }

    /** Something measured. */
    @FunctionalInterface
    private interface Work {
        void run() throws Exception;
    }

    private static double timed(Work work) {
        long start = System.nanoTime();
        try {
            work.run();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return (System.nanoTime() - start) / 1e9;
    }
}
