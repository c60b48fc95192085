package org.atoll.bench;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.management.ObjectName;
import org.atoll.AtollApplication;
import org.atoll.account.AccountView;
import org.atoll.account.Accounts;
import org.atoll.account.NewAccount;
import org.atoll.device.DeviceView;
import org.atoll.device.Devices;
import org.atoll.device.MobilePolicy;
import org.atoll.device.Provisioning;
import org.atoll.mailbox.FolderType;
import org.atoll.mailbox.Mailboxes;
import org.atoll.mailbox.SystemFolder;
import org.atoll.push.Parking;
import org.atoll.push.internal.Waiters;
import org.atoll.support.DataDirectories;
import org.atoll.sync.CollectionRequest;
import org.atoll.sync.CollectionResult;
import org.atoll.sync.FolderSyncs;
import org.atoll.sync.ItemSyncs;
import org.atoll.sync.SyncOptions;
import org.atoll.wbxml.CodePage;
import org.atoll.wbxml.WbxmlDecoder;
import org.atoll.wbxml.WbxmlElement;
import org.atoll.wbxml.WbxmlEncoder;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.async.DeferredResult;

/**
 * W3 of BENCHMARKS.md, Ping fan-out, each figure beside a baseline measured in the same run: a bare endpoint that
 * parks a {@code DeferredResult} and nothing else, registered only under this benchmark's profile.
 *
 * <ol>
 *   <li>(a) heap per parked Ping (HeartbeatInterval 900 s, two folders) against heap per bare parked request;
 *   <li>(b) one new message for one user: latency from the delivery call to each of that user's Ping answers, while
 *       every other Ping stays parked (checked);
 *   <li>(c) one event for all: one delivery into a mailbox every parked device watches, time to the last answer,
 *       against the bare endpoint waking as many requests at once;
 *   <li>(d) two nodes on one PostgreSQL: Pings parked on node B, the message delivered through node A.
 * </ol>
 *
 * A warm-up round comes first and is not counted. (a) is measured twice: as the used heap after full collections, and
 * as live bytes by class histogram (what {@code jcmd <pid> GC.class_histogram} prints), whose difference between a
 * parked Ping and a bare parked request, class by class, is printed at the end. Run: {@code ./mvnw -q test-compile
 * exec:java -Dexec.classpathScope=test -Dexec.mainClass=org.atoll.bench.PushBenchmark
 * [-Dexec.args="ROUNDS DEVICES NODE_B_DEVICES"]} (defaults 5, 2000, 200). Both nodes run in this JVM; the load
 * client runs in a child JVM of its own ({@link ParkingProcess}), so this process holds one file descriptor per
 * parked request and its heap only the server's side. The embedded PostgreSQL runs in a throw-away directory, or
 * {@code SPRING_DATASOURCE_URL} is used when set.
 */
public final class PushBenchmark {

    private static final String PASSWORD = "benchmark-password";
    private static final int DEVICES_PER_USER = 10;
    private static final int USERS_PER_ROUND = 5;

    /**
     * Requests sent but not parked yet. Thousands arriving in the same millisecond would queue for the 20 pooled
     * database connections longer than the pool's 30 s timeout; devices arrive spread out, so the client does too.
     */
    private static final int IN_FLIGHT = 64;

    /**
     * How long a request may wait for a pooled database connection (production: 30 s). Parking ten thousand devices
     * on a machine shared with other work can queue a request longer; parking is not what is timed, so the
     * benchmark waits rather than count a refusal (HTTP 503) as an answer.
     */
    private static final long POOL_WAIT_MILLIS = 300_000;

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        int devices = args.length > 1 ? Integer.parseInt(args[1]) : 2000;
        int nodeBDevices = args.length > 2 ? Integer.parseInt(args[2]) : 200;
        Path dataDir = DataDirectories.create(Path.of("target"), "push-bench-");
        String[] common = {
            "--atoll.data-dir=" + dataDir.toAbsolutePath(),
            "--atoll.ephemeral-database=true",
            "--atoll.admin.password=benchmark-admin",
            "--atoll.device.max-per-account=" + (devices + 10),
            "--atoll.push.max-parked-per-account=" + (devices + 10),
            "--spring.datasource.hikari.maximum-pool-size=20",
            "--spring.datasource.hikari.connection-timeout=" + POOL_WAIT_MILLIS,
            "--logging.level.root=WARN",
            "--server.port=0",
            "--spring.profiles.active=push-benchmark"
        };
        try (ConfigurableApplicationContext nodeA = new SpringApplicationBuilder(AtollApplication.class).run(common)) {
            var hikari = nodeA.getBean(javax.sql.DataSource.class).unwrap(com.zaxxer.hikari.HikariDataSource.class);
            List<String> nodeBArgs = new ArrayList<>(List.of(common));
            nodeBArgs.add("--spring.datasource.url=" + hikari.getJdbcUrl());
            nodeBArgs.add("--spring.datasource.username=" + hikari.getUsername());
            if (hikari.getPassword() != null) {
                nodeBArgs.add("--spring.datasource.password=" + hikari.getPassword());
            }
            try (ConfigurableApplicationContext nodeB =
                    new SpringApplicationBuilder(AtollApplication.class).run(nodeBArgs.toArray(String[]::new))) {
                new PushBenchmark(nodeA, nodeB).run(rounds, devices, nodeBDevices);
            }
        }
        System.exit(0);
    }

    /** One simulated device: its account, ids, keys, and the Ping it sends. */
    private static final class Device {
        final AccountView account;
        final String deviceId;
        final long pk;
        final long inbox;
        long inboxKey;
        byte[] ping;

        Device(AccountView account, String deviceId, long pk, long inbox) {
            this.account = account;
            this.deviceId = deviceId;
            this.pk = pk;
            this.inbox = inbox;
        }
    }

    private final ConfigurableApplicationContext nodeA;
    private final ConfigurableApplicationContext nodeB;
    private final Accounts accounts;
    private final Mailboxes mailboxes;
    private final Devices devices;
    private final Provisioning provisioning;
    private final FolderSyncs folderSyncs;
    private final ItemSyncs itemSyncs;
    private final JdbcClient jdbc;

    private PushBenchmark(ConfigurableApplicationContext nodeA, ConfigurableApplicationContext nodeB) {
        this.nodeA = nodeA;
        this.nodeB = nodeB;
        this.accounts = nodeA.getBean(Accounts.class);
        this.mailboxes = nodeA.getBean(Mailboxes.class);
        this.devices = nodeA.getBean(Devices.class);
        this.provisioning = nodeA.getBean(Provisioning.class);
        this.folderSyncs = nodeA.getBean(FolderSyncs.class);
        this.itemSyncs = nodeA.getBean(ItemSyncs.class);
        this.jdbc = nodeA.getBean(JdbcClient.class);
    }

    private void run(int rounds, int deviceCount, int nodeBCount) throws Exception {
        int portA = port(nodeA);
        int portB = port(nodeB);
        System.out.printf(
                "Setting up %d devices of %d users, %d devices of one account, %d devices for node B%n",
                deviceCount, deviceCount / DEVICES_PER_USER, deviceCount, nodeBCount);
        long setupStart = System.nanoTime();
        List<List<Device>> users = new ArrayList<>();
        List<Device> shared = new ArrayList<>();
        List<List<Device>> nodeBUsers = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(SETUP_THREADS);
        try {
            List<Owner> owners = new ArrayList<>();
            owners.addAll(inParallel(pool, deviceCount / DEVICES_PER_USER, u -> owner("user" + u, portA)));
            owners.addAll(inParallel(pool, nodeBCount / DEVICES_PER_USER, u -> owner("nodeb" + u, portB)));
            Owner sharedOwner = owner("shared", portA);
            List<Future<Device>> sharedDevices = new ArrayList<>();
            List<Future<Device>> ownersDevices = new ArrayList<>();
            int ownersDeviceCount = owners.size() * DEVICES_PER_USER;
            for (int i = 0; i < Math.max(deviceCount, ownersDeviceCount); i++) {
                int index = i;
                if (index < deviceCount) {
                    sharedDevices.add(pool.submit(() -> device(sharedOwner, index)));
                }
                if (index < ownersDeviceCount) {
                    Owner owner = owners.get(index / DEVICES_PER_USER);
                    ownersDevices.add(pool.submit(() -> device(owner, index % DEVICES_PER_USER)));
                }
            }
            for (Future<Device> device : sharedDevices) {
                shared.add(device.get());
            }
            for (int u = 0; u < owners.size(); u++) {
                List<Device> user = new ArrayList<>();
                for (Future<Device> device : ownersDevices.subList(u * DEVICES_PER_USER, (u + 1) * DEVICES_PER_USER)) {
                    user.add(device.get());
                }
                (u < deviceCount / DEVICES_PER_USER ? users : nodeBUsers).add(user);
            }
        } finally {
            pool.shutdownNow();
        }
        System.out.printf("Set up in %.0f s%n", (System.nanoTime() - setupStart) / 1e9);
        try (ParkingProcess client = new ParkingProcess()) {
            System.out.printf(
                    "Load client in its own process (pid %d); server process %d%n",
                    client.pid(), ProcessHandle.current().pid());
            run(client, rounds, deviceCount, users, shared, nodeBUsers);
        }
    }

    private void run(
            ParkingProcess client,
            int rounds,
            int deviceCount,
            List<List<Device>> users,
            List<Device> shared,
            List<List<Device>> nodeBUsers)
            throws Exception {
        int portA = port(nodeA);
        int portB = port(nodeB);
        BareParking bare = nodeA.getBean(BareParking.class);
        Parking parkingA = nodeA.getBean(Parking.class);
        Parking parkingB = nodeB.getBean(Parking.class);

        List<Double> bareHeap = new ArrayList<>();
        List<Double> pingHeap = new ArrayList<>();
        List<Double> bareHistogram = new ArrayList<>();
        List<Double> pingHistogram = new ArrayList<>();
        Map<String, Double> lastDifference = Map.of();
        Map<String, Double> lastPing = Map.of();
        List<Double> oneUserP99 = new ArrayList<>();
        List<Double> bareWakeAll = new ArrayList<>();
        List<Double> pingWakeAll = new ArrayList<>();
        List<Double> nodeBP99 = new ArrayList<>();
        int usersUsed = 0;
        int nodeBUsed = 0;
        byte[] bareRequest = ParkingClient.request("POST", "/bench/park", portA, "", new byte[0]);
        footprint();
        for (int round = 0; round <= rounds; round++) {
            Map<String, long[]> bareClasses;
            {
                List<ParkingProcess.Call> calls = client.reserve(deviceCount);
                List<CompletableFuture<ParkingClient.Answer>> parked =
                        calls.stream().map(ParkingProcess.Call::answer).toList();
                Footprint before = footprint();
                for (int i = 0; i < deviceCount; i++) {
                    int sent = i;
                    await("room to send", () -> sent - bare.parked() < IN_FLIGHT);
                    client.send(calls.get(i), portA, bareRequest);
                }
                await("bare requests parked", () -> bare.parked() == deviceCount);
                Footprint after = footprint();
                bareHeap.add((after.heap() - before.heap()) / (double) deviceCount);
                bareClasses = difference(after.classes(), before.classes());
                bareHistogram.add(total(bareClasses) / (double) deviceCount);
                long start = System.nanoTime();
                bare.wakeAll();
                bareWakeAll.add(millis(last(parked) - start));
            }
            {
                Map<Device, ParkingProcess.Call> calls = reserve(client, users);
                Map<Device, CompletableFuture<ParkingClient.Answer>> parked = answers(calls);
                Footprint before = footprint();
                park(client, portA, calls, parkingA, deviceCount);
                Footprint after = footprint();
                pingHeap.add((after.heap() - before.heap()) / (double) deviceCount);
                Map<String, long[]> pingClasses = difference(after.classes(), before.classes());
                pingHistogram.add(total(pingClasses) / (double) deviceCount);
                lastDifference = perRequest(difference(pingClasses, bareClasses), deviceCount);
                lastPing = perRequest(pingClasses, deviceCount);
                List<Double> latencies = new ArrayList<>();
                int answered = 0;
                Set<Device> woken = new HashSet<>();
                for (int u = 0; u < USERS_PER_ROUND; u++) {
                    List<Device> user = users.get(usersUsed++ % users.size());
                    answered += user.size();
                    woken.addAll(user);
                    latencies.addAll(deliverAndWait(user, parked));
                    int answeredSoFar = answered;
                    long completed = parked.values().stream()
                            .filter(CompletableFuture::isDone)
                            .count();
                    if (completed != answeredSoFar || parkingA.parked() != deviceCount - answeredSoFar) {
                        throw new IllegalStateException("Pings of other users were answered: " + completed + ", "
                                + parkingA.parked() + " parked; " + unexpected(parked, woken));
                    }
                    catchUp(user);
                }
                oneUserP99.add(percentile(latencies, 0.99));
                endAll(nodeA);
                requireAllAnswered(parked.values());
            }
            {
                Map<Device, ParkingProcess.Call> calls = reserve(client, List.of(shared));
                Map<Device, CompletableFuture<ParkingClient.Answer>> parked = answers(calls);
                park(client, portA, calls, parkingA, shared.size());
                long start = System.nanoTime();
                mailboxes.deliver(shared.getFirst().account.id(), shared.getFirst().inbox, message("For all"), null);
                long lastAnswer = last(new ArrayList<>(parked.values()));
                for (CompletableFuture<ParkingClient.Answer> answer : parked.values()) {
                    requireStatus(answer.join(), "2");
                }
                pingWakeAll.add(millis(lastAnswer - start));
                catchUp(shared);
            }
            {
                Map<Device, ParkingProcess.Call> calls = reserve(client, nodeBUsers);
                Map<Device, CompletableFuture<ParkingClient.Answer>> parked = answers(calls);
                park(client, portB, calls, parkingB, nodeBUsers.size() * DEVICES_PER_USER);
                List<Double> latencies = new ArrayList<>();
                for (int u = 0; u < USERS_PER_ROUND; u++) {
                    List<Device> user = nodeBUsers.get(nodeBUsed++ % nodeBUsers.size());
                    latencies.addAll(deliverAndWait(user, parked));
                    catchUp(user);
                }
                nodeBP99.add(percentile(latencies, 0.99));
                endAll(nodeB);
                requireAllAnswered(parked.values());
            }
            System.out.printf(
                    "round %d%s: heap/request bare %.0f B, Ping %.0f B; by class histogram bare %.0f B, Ping %.0f B;"
                            + " one user p99 %.1f ms; wake-all bare %.0f ms, Ping %.0f ms; node B p99 %.1f ms%n",
                    round,
                    round == 0 ? " (warm-up, not counted)" : "",
                    bareHeap.getLast(),
                    pingHeap.getLast(),
                    bareHistogram.getLast(),
                    pingHistogram.getLast(),
                    oneUserP99.getLast(),
                    bareWakeAll.getLast(),
                    pingWakeAll.getLast(),
                    nodeBP99.getLast());
            if (round == 0) {
                List.of(
                                bareHeap,
                                pingHeap,
                                bareHistogram,
                                pingHistogram,
                                oneUserP99,
                                bareWakeAll,
                                pingWakeAll,
                                nodeBP99)
                        .forEach(List::clear);
            }
        }
        System.out.printf(
                "W3 Ping fan-out, %d parked devices (%d users x %d), HeartbeatInterval 900 s, 2 folders%n",
                deviceCount, deviceCount / DEVICES_PER_USER, DEVICES_PER_USER);
        report("(a) heap per parked bare DeferredResult, bytes", bareHeap, "%.0f");
        report("(a) heap per parked Ping, bytes", pingHeap, "%.0f");
        report("(a) ratio Ping / bare", ratios(pingHeap, bareHeap), "%.2f");
        report("(a) by class histogram: live bytes per parked bare DeferredResult", bareHistogram, "%.0f");
        report("(a) by class histogram: live bytes per parked Ping", pingHistogram, "%.0f");
        report("(a) by class histogram: ratio Ping / bare", ratios(pingHistogram, bareHistogram), "%.3f");
        System.out.println("  last round, class histogram, bytes per request a parked Ping keeps more (+) or less (-)"
                + " than a bare one (classes differing by 8 B or more):");
        lastDifference.entrySet().stream()
                .filter(entry -> Math.abs(entry.getValue()) >= 8)
                .sorted(Map.Entry.comparingByValue(Comparator.comparingDouble(v -> -Math.abs(v))))
                .forEach(entry -> System.out.printf("    %+8.1f  %s%n", entry.getValue(), entry.getKey()));
        System.out.println("  last round, class histogram, bytes per parked Ping by class (16 B or more):");
        lastPing.entrySet().stream()
                .filter(entry -> entry.getValue() >= 16)
                .sorted(Map.Entry.comparingByValue(Comparator.reverseOrder()))
                .forEach(entry -> System.out.printf("    %8.1f  %s%n", entry.getValue(), entry.getKey()));
        report("(b) one user's new message: p99 of that user's answers, ms", oneUserP99, "%.1f");
        report("(c) bare wake-all of " + deviceCount + ", ms to the last answer", bareWakeAll, "%.0f");
        report(
                "(c) one delivery to " + deviceCount + " Pings of one account, ms to the last answer",
                pingWakeAll,
                "%.0f");
        report("(c) ratio Ping / bare", ratios(pingWakeAll, bareWakeAll), "%.2f");
        report("(d) Pings on node B, delivery through node A: p99, ms", nodeBP99, "%.1f");
        System.out.printf(
                "server process (both nodes): heap used %d MB, RSS %s, %d file descriptors open; database connections"
                        + " %d%n",
                heap() / (1024 * 1024),
                rss(),
                openDescriptors(),
                jdbc.sql("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()")
                        .query(Long.class)
                        .single());
    }

    // ---- devices

    /**
     * How many devices are set up at once. A device's registration locks its account until it commits, so the
     * shared account's devices register one at a time however many threads set them up; they are taken in turn
     * with the other accounts' devices, whose work fills the waits.
     */
    private static final int SETUP_THREADS = 8;

    /** An account set up for the benchmark: the folders its devices watch, its policy and the node they use. */
    private record Owner(AccountView account, long inbox, long archive, MobilePolicy policy, int port) {}

    private Owner owner(String name, int port) {
        AccountView account =
                accounts.create(NewAccount.user(name + "-" + System.nanoTime() + "@bench.test", PASSWORD));
        long inbox = mailboxes.systemFolder(account.id(), SystemFolder.INBOX).id();
        long archive = mailboxes
                .createFolder(account.id(), null, "Archive", FolderType.USER_MAIL)
                .id();
        return new Owner(account, inbox, archive, provisioning.policyFor(account.id()), port);
    }

    @FunctionalInterface
    private interface IndexTask<T> {
        T run(int index) throws Exception;
    }

    private static <T> List<T> inParallel(ExecutorService pool, int count, IndexTask<T> task) throws Exception {
        List<Future<T>> futures = new ArrayList<>();
        for (int index = 0; index < count; index++) {
            int next = index;
            futures.add(pool.submit(() -> task.run(next)));
        }
        List<T> results = new ArrayList<>();
        for (Future<T> future : futures) {
            results.add(future.get());
        }
        return results;
    }

    /** A device as a real one reaches Ping: registered, provisioned, its folders and both mail folders synced. */
    private Device device(Owner owner, int index) {
        AccountView account = owner.account();
        String deviceId = "Bench" + index;
        long inbox = owner.inbox();
        long archive = owner.archive();
        DeviceView view = devices.seen(account.id(), deviceId, "SmartPhone", "PushBenchmark", "14.1");
        long temporary = provisioning.offer(account.id(), deviceId, owner.policy());
        long policyKey = provisioning
                .acknowledge(account.id(), deviceId, temporary, false)
                .orElseThrow();
        folderSyncs.sync(account.id(), view.id(), 0);
        Device device = new Device(account, deviceId, view.id(), inbox);
        device.inboxKey = sync(device, inbox, 0);
        device.inboxKey = sync(device, inbox, device.inboxKey);
        sync(device, archive, sync(device, archive, 0));
        CodePage p = CodePage.PING;
        WbxmlElement folders = WbxmlElement.of(p, "Folders");
        for (long folder : new long[] {inbox, archive}) {
            folders.add(WbxmlElement.of(p, "Folder")
                    .add("Id", Long.toString(folder))
                    .add("Class", "Email"));
        }
        byte[] body = new WbxmlEncoder()
                .encode(WbxmlElement.of(p, "Ping")
                        .add("HeartbeatInterval", "900")
                        .add(folders));
        String credentials = Base64.getEncoder()
                .encodeToString((account.address() + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
        device.ping = ParkingClient.request(
                "POST",
                "/Microsoft-Server-ActiveSync?Cmd=Ping&User=" + account.address() + "&DeviceId=" + deviceId
                        + "&DeviceType=SmartPhone",
                owner.port(),
                "Authorization: Basic " + credentials + "\r\nMS-ASProtocolVersion: 14.1\r\nX-MS-PolicyKey: " + policyKey
                        + "\r\nContent-Type: application/vnd.ms-sync.wbxml\r\n",
                body);
        return device;
    }

    private long sync(Device device, long folderId, long key) {
        CollectionResult result = itemSyncs.sync(
                device.account.id(),
                device.pk,
                new CollectionRequest(folderId, key, SyncOptions.Update.NONE, true, List.of()));
        if (!(result instanceof CollectionResult.Synced synced)) {
            throw new IllegalStateException("Sync failed: " + result);
        }
        return synced.moreAvailable() ? sync(device, folderId, synced.syncKey()) : synced.syncKey();
    }

    /** Brings the devices' Inbox state up to date, as their Sync after a Status 2 would. */
    private void catchUp(List<Device> devices) {
        for (Device device : devices) {
            device.inboxKey = sync(device, device.inbox, device.inboxKey);
        }
    }

    // ---- parking and waking

    /** The answers to come of the devices' Pings, made before anything is sent. */
    private static Map<Device, ParkingProcess.Call> reserve(ParkingProcess client, List<List<Device>> users) {
        List<Device> all = users.stream().flatMap(List::stream).toList();
        List<ParkingProcess.Call> calls = client.reserve(all.size());
        Map<Device, ParkingProcess.Call> byDevice = new LinkedHashMap<>();
        for (int i = 0; i < all.size(); i++) {
            byDevice.put(all.get(i), calls.get(i));
        }
        return byDevice;
    }

    private static Map<Device, CompletableFuture<ParkingClient.Answer>> answers(
            Map<Device, ParkingProcess.Call> calls) {
        Map<Device, CompletableFuture<ParkingClient.Answer>> answers = new LinkedHashMap<>();
        calls.forEach((device, call) -> answers.put(device, call.answer()));
        return answers;
    }

    private static void park(
            ParkingProcess client, int port, Map<Device, ParkingProcess.Call> calls, Parking parking, int expected)
            throws Exception {
        int base = parking.parked();
        int sent = 0;
        for (Map.Entry<Device, ParkingProcess.Call> call : calls.entrySet()) {
            int sentSoFar = sent++;
            await("room to send", () -> sentSoFar - (parking.parked() - base) < IN_FLIGHT);
            client.send(call.getValue(), port, call.getKey().ping);
        }
        await("Pings parked", () -> {
            for (ParkingProcess.Call call : calls.values()) {
                if (call.answer().isDone()) {
                    throw new IllegalStateException("A Ping was answered at once: "
                            + describe(call.answer().join()));
                }
            }
            return parking.parked() == expected;
        });
    }

    /** Every Ping still parked at the end of a part was answered Status 1 when its node ended it: none is lost. */
    private static void requireAllAnswered(Collection<CompletableFuture<ParkingClient.Answer>> answers) {
        for (CompletableFuture<ParkingClient.Answer> answer : answers) {
            String status = describe(answer.join());
            if (!status.equals("1") && !status.equals("2")) {
                throw new IllegalStateException("A parked Ping ended with " + status);
            }
        }
    }

    private List<Double> deliverAndWait(
            List<Device> user, Map<Device, CompletableFuture<ParkingClient.Answer>> parked) {
        Device first = user.getFirst();
        long start = System.nanoTime();
        mailboxes.deliver(first.account.id(), first.inbox, message("For one user"), null);
        List<Double> latencies = new ArrayList<>();
        for (Device device : user) {
            ParkingClient.Answer answer = parked.get(device).join();
            requireStatus(answer, "2");
            latencies.add(millis(answer.arrivedNanos() - start));
        }
        return latencies;
    }

    /** What the Pings of devices not woken answered, if any did: for the report of a failed round. */
    private static String unexpected(Map<Device, CompletableFuture<ParkingClient.Answer>> parked, Set<Device> woken) {
        List<String> found = new ArrayList<>();
        parked.forEach((device, answer) -> {
            if (answer.isDone() && !woken.contains(device) && found.size() < 5) {
                found.add(device.account.address() + "/" + device.deviceId + ": "
                        + (answer.isCompletedExceptionally()
                                ? answer.exceptionNow().toString()
                                : describe(answer.join())));
            }
        });
        return found.toString();
    }

    /** Ends every parked request of a node, as its shutdown does: each Ping answers Status 1. */
    private static void endAll(ConfigurableApplicationContext node) {
        Waiters waiters = node.getBean(Waiters.class);
        waiters.stop();
        waiters.start();
    }

    private static void requireStatus(ParkingClient.Answer answer, String status) {
        String actual = describe(answer);
        if (!actual.equals(status)) {
            throw new IllegalStateException("Expected Ping Status " + status + ", got " + actual);
        }
    }

    private static String describe(ParkingClient.Answer answer) {
        if (answer.status() != 200) {
            return "HTTP " + answer.status();
        }
        try {
            return new WbxmlDecoder().decode(answer.body()).text("Status").orElse("none");
        } catch (Exception e) {
            return "undecodable";
        }
    }

    private static long last(List<CompletableFuture<ParkingClient.Answer>> answers) {
        long last = 0;
        for (CompletableFuture<ParkingClient.Answer> answer : answers) {
            last = Math.max(last, answer.join().arrivedNanos());
        }
        return last;
    }

    private static byte[] message(String subject) {
        return ("From: bench@bench.test\r\nTo: user@bench.test\r\nSubject: " + subject + "\r\nMessage-ID: <"
                        + System.nanoTime() + "@bench.test>\r\n\r\nA new message.\r\n")
                .getBytes(StandardCharsets.US_ASCII);
    }

    // ---- figures

    private static void await(String what, Condition condition) throws InterruptedException {
        long deadline = System.nanoTime() + 600_000_000_000L;
        while (!condition.done()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Gave up waiting until " + what);
            }
            Thread.sleep(1);
        }
    }

    @FunctionalInterface
    private interface Condition {
        boolean done();
    }

    /** Used heap and live objects by class, both after full collections. */
    private record Footprint(long heap, Map<String, long[]> classes) {}

    /**
     * The previous histogram, kept reachable until the next one is taken: every measurement then counts one
     * histogram of this class's own, so that the benchmark's bookkeeping cancels out of a difference.
     */
    private Map<String, long[]> heldHistogram = Map.of();

    private Footprint footprint() throws Exception {
        long heap = heap();
        Map<String, long[]> classes = histogram();
        heldHistogram = classes;
        return new Footprint(heap, classes);
    }

    /**
     * Live objects by class after a full collection, as {@code jcmd <pid> GC.class_histogram} prints them: class
     * name to {instances, bytes}.
     */
    private static Map<String, long[]> histogram() throws Exception {
        String text = (String) ManagementFactory.getPlatformMBeanServer()
                .invoke(
                        new ObjectName("com.sun.management:type=DiagnosticCommand"),
                        "gcClassHistogram",
                        new Object[] {new String[0]},
                        new String[] {String[].class.getName()});
        Map<String, long[]> classes = new HashMap<>();
        for (String line : text.split("\n")) {
            Matcher row = HISTOGRAM_ROW.matcher(line);
            if (row.find()) {
                classes.merge(
                        row.group(3), new long[] {Long.parseLong(row.group(1)), Long.parseLong(row.group(2))}, (a, b) ->
                                new long[] {a[0] + b[0], a[1] + b[1]});
            }
        }
        return classes;
    }

    private static final Pattern HISTOGRAM_ROW = Pattern.compile("^\\s*\\d+:\\s+(\\d+)\\s+(\\d+)\\s+(\\S+)");

    private static Map<String, long[]> difference(Map<String, long[]> after, Map<String, long[]> before) {
        Map<String, long[]> difference = new HashMap<>();
        Set<String> names = new HashSet<>(after.keySet());
        names.addAll(before.keySet());
        for (String name : names) {
            long[] a = after.getOrDefault(name, new long[2]);
            long[] b = before.getOrDefault(name, new long[2]);
            difference.put(name, new long[] {a[0] - b[0], a[1] - b[1]});
        }
        return difference;
    }

    private static long total(Map<String, long[]> classes) {
        return classes.values().stream().mapToLong(bytes -> bytes[1]).sum();
    }

    private static Map<String, Double> perRequest(Map<String, long[]> classes, int requests) {
        Map<String, Double> perRequest = new HashMap<>();
        classes.forEach((name, counts) -> perRequest.put(name, counts[1] / (double) requests));
        return perRequest;
    }

    private static long openDescriptors() {
        try (var descriptors = Files.list(Path.of("/proc/self/fd"))) {
            return descriptors.count();
        } catch (Exception e) {
            return -1;
        }
    }

    private static long heap() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(200);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static String rss() {
        try {
            return Files.readAllLines(Path.of("/proc/self/status")).stream()
                    .filter(line -> line.startsWith("VmRSS"))
                    .map(line -> line.substring(6).trim())
                    .findFirst()
                    .orElse("unknown");
        } catch (Exception e) {
            return "unknown";
        }
    }

    private static int port(ConfigurableApplicationContext node) {
        return ((WebServerApplicationContext) node).getWebServer().getPort();
    }

    private static double millis(long nanos) {
        return nanos / 1_000_000.0;
    }

    private static double percentile(List<Double> values, double p) {
        List<Double> sorted = values.stream().sorted().toList();
        return sorted.get((int) Math.min(sorted.size() - 1, Math.ceil(p * sorted.size()) - 1));
    }

    private static List<Double> ratios(List<Double> a, List<Double> b) {
        List<Double> ratios = new ArrayList<>();
        for (int i = 0; i < a.size(); i++) {
            ratios.add(a.get(i) / b.get(i));
        }
        return ratios;
    }

    private static void report(String label, List<Double> values, String format) {
        List<Double> sorted = values.stream().sorted().toList();
        System.out.printf(
                "  %-70s %s (%s–%s)%n",
                label,
                String.format(format, sorted.get(sorted.size() / 2)),
                String.format(format, sorted.getFirst()),
                String.format(format, sorted.getLast()));
    }

    /** The baseline: parks a {@code DeferredResult} and nothing else; answers all of them on {@link #wakeAll}. */
    @RestController
    @Profile("push-benchmark")
    static class BareParking {

        private final ConcurrentLinkedQueue<DeferredResult<String>> parked = new ConcurrentLinkedQueue<>();

        @PostMapping("/bench/park")
        DeferredResult<String> park() {
            DeferredResult<String> result = new DeferredResult<>(3_600_000L);
            parked.add(result);
            return result;
        }

        int parked() {
            return parked.size();
        }

        void wakeAll() {
            DeferredResult<String> next;
            while ((next = parked.poll()) != null) {
                next.setResult("OK");
            }
        }
    }

    /**
     * Hashes the benchmark's one password once per node: every account is opened through {@link Accounts#create}, and
     * an Argon2id hash per account was about a fifth of the set-up's time at 2,000 devices. Each account still stores
     * a real hash of that password, which the sign-in of every Ping checks as usual.
     */
    @Configuration(proxyBeanMethods = false)
    @Profile("push-benchmark")
    static class OnePasswordHash {

        @Bean
        static BeanPostProcessor hashOncePerPassword() {
            return new BeanPostProcessor() {
                @Override
                public Object postProcessAfterInitialization(Object bean, String name) {
                    return bean instanceof PasswordEncoder encoder ? new HashedOnce(encoder) : bean;
                }
            };
        }
    }

    /** A password encoder that keeps the hash of each password it encoded and gives it again. */
    private static final class HashedOnce implements PasswordEncoder {

        private final PasswordEncoder encoder;
        private final Map<String, String> hashes = new ConcurrentHashMap<>();

        HashedOnce(PasswordEncoder encoder) {
            this.encoder = encoder;
        }

        @Override
        public String encode(CharSequence raw) {
            return hashes.computeIfAbsent(raw.toString(), encoder::encode);
        }

        @Override
        public boolean matches(CharSequence raw, String encoded) {
            return encoder.matches(raw, encoded);
        }

        @Override
        public boolean upgradeEncoding(String encoded) {
            return encoder.upgradeEncoding(encoded);
        }
    }

    /** Lets the baseline through the same filter chain machinery, without sign-in. */
    @Configuration(proxyBeanMethods = false)
    @Profile("push-benchmark")
    static class BareParkingSecurity {

        @Bean
        @Order(10)
        SecurityFilterChain bareParkingChain(HttpSecurity http) throws Exception {
            return http.securityMatcher("/bench/**")
                    .authorizeHttpRequests(auth -> auth.anyRequest().permitAll())
                    .csrf(csrf -> csrf.disable())
                    .build();
        }
    }
}
