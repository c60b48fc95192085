package org.atoll.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.LongAdder;
import org.atoll.wbxml.CodePage;
import org.atoll.wbxml.WbxmlDecoder;
import org.atoll.wbxml.WbxmlElement;
import org.atoll.wbxml.WbxmlEncoder;
import org.atoll.wbxml.WbxmlException;
import org.jspecify.annotations.Nullable;

/**
 * The device simulator of BENCHMARKS.md: simulated devices on virtual threads send real ActiveSync requests
 * (MS-ASHTTP POST, WBXML bodies, HTTP Basic, protocol 14.1) through at most {@code connections} requests in flight,
 * so the HTTP client never opens more connections than that.
 *
 * <p>It checks while it measures and never stops at a failure: every answer that is not HTTP 200, a WBXML body with
 * Status 1, or that a device could not apply (an Add of an item held, a Change or Delete of one not held) is counted
 * under its kind, and {@link #takeErrors()} reports the counts. A 503 with Retry-After is not a failure: the device
 * sends the request again when told, as a device does ({@link #takeResent()} counts them).
 */
final class LoadClient implements AutoCloseable {

    static final CodePage A = CodePage.AIRSYNC;
    static final CodePage BASE = CodePage.AIRSYNCBASE;
    static final CodePage EMAIL = CodePage.EMAIL;

    /** The error kind of an Add of an item the device already holds. */
    static final String DUPLICATE = "duplicate: Add of an item the device holds";

    /** How many times one request is sent when the server answers 503 with Retry-After. */
    private static final int ATTEMPTS = 3;

    /** FolderSync Type of the Inbox, MS-ASCMD 2.2.3.186.3. */
    private static final String INBOX_TYPE = "2";

    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final HttpClient http;
    private final String base;
    private final Semaphore connections;
    private final int connectionCount;
    private final Map<String, LongAdder> errors = new ConcurrentHashMap<>();
    private final LongAdder resent = new LongAdder();

    LoadClient(int port, int connections) {
        this.base = "http://127.0.0.1:" + port;
        this.connectionCount = connections;
        this.connections = new Semaphore(connections);
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .executor(executor)
                .connectTimeout(Duration.ofSeconds(10))
                .build();
    }

    int connections() {
        return connectionCount;
    }

    // ---- requests

    /** A GET of the trivial endpoint; the latency is recorded when the answer is 200. */
    void get(String path, Samples samples) {
        HttpRequest request =
                HttpRequest.newBuilder(URI.create(base + path)).GET().build();
        exchange(request, "GET " + path, samples);
    }

    /** One ActiveSync command; the decoded answer, or empty when it failed (and the failure was counted). */
    Optional<WbxmlElement> send(SimDevice device, String command, WbxmlElement body, @Nullable Samples samples) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + "/Microsoft-Server-ActiveSync?Cmd="
                        + command + "&User=" + device.address + "&DeviceId=" + device.deviceId
                        + "&DeviceType=BenchPhone"))
                .header("Authorization", device.authorization)
                .header("MS-ASProtocolVersion", "14.1")
                .header("Content-Type", "application/vnd.ms-sync.wbxml")
                .header("User-Agent", "Atoll-LoadClient/1")
                .POST(HttpRequest.BodyPublishers.ofByteArray(new WbxmlEncoder().encode(body)));
        if (device.policyKey != 0) {
            request.header("X-MS-PolicyKey", Long.toString(device.policyKey));
        }
        byte[] answer = exchange(request.build(), command, samples);
        if (answer == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(new WbxmlDecoder().decode(answer));
        } catch (WbxmlException e) {
            error(command + ": undecodable WBXML answer");
            return Optional.empty();
        }
    }

    /**
     * Sends a request and returns the body of its 200 answer. A 503 with Retry-After (MS-ASHTTP 3.2.5.1) is obeyed as
     * a device obeys it: the same request goes again after the time it names, up to {@link #ATTEMPTS} times, and the
     * latency recorded runs from the first attempt on a connection to the answer (the wait for one of the client's
     * connections is the client's, not the server's, and is left out as before).
     */
    private byte @Nullable [] exchange(HttpRequest request, String what, @Nullable Samples samples) {
        long start = 0;
        for (int attempt = 1; ; attempt++) {
            connections.acquireUninterruptibly();
            if (attempt == 1) {
                start = System.nanoTime();
            }
            HttpResponse<byte[]> response;
            try {
                response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            } catch (IOException e) {
                error(what + ": " + e.getClass().getSimpleName());
                return null;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                error(what + ": interrupted");
                return null;
            } finally {
                connections.release();
            }
            Optional<String> retryAfter = response.headers().firstValue("Retry-After");
            if (response.statusCode() == 503 && retryAfter.isPresent() && attempt < ATTEMPTS) {
                resent.increment();
                try {
                    Thread.sleep(
                            Duration.ofSeconds(Long.parseLong(retryAfter.get().strip())));
                } catch (InterruptedException | NumberFormatException e) {
                    error(what + ": HTTP 503 with Retry-After " + retryAfter.get());
                    return null;
                }
                continue;
            }
            long latency = System.nanoTime() - start;
            if (response.statusCode() != 200) {
                error(what + ": HTTP " + response.statusCode());
                return null;
            }
            if (samples != null) {
                samples.add(latency);
            }
            return response.body();
        }
    }

    /** How many requests were answered 503 with Retry-After and sent again, since the last call. */
    long takeResent() {
        return resent.sumThenReset();
    }

    // ---- the session of a device

    /** Both phases of Provision (MS-ASPROV 3.1.5.1); the device keeps the final policy key. */
    boolean provision(SimDevice device) {
        CodePage p = CodePage.PROVISION;
        Optional<String> temporary = send(
                        device,
                        "Provision",
                        WbxmlElement.of(p, "Provision")
                                .add(WbxmlElement.of(p, "Policies")
                                        .add(WbxmlElement.of(p, "Policy")
                                                .add("PolicyType", "MS-EAS-Provisioning-WBXML"))),
                        null)
                .flatMap(LoadClient::policyKey);
        if (temporary.isEmpty()) {
            error("Provision: no temporary policy key");
            return false;
        }
        Optional<String> key = send(
                        device,
                        "Provision",
                        WbxmlElement.of(p, "Provision")
                                .add(WbxmlElement.of(p, "Policies")
                                        .add(WbxmlElement.of(p, "Policy")
                                                .add("PolicyType", "MS-EAS-Provisioning-WBXML")
                                                .add("PolicyKey", temporary.get())
                                                .add("Status", "1"))),
                        null)
                .flatMap(LoadClient::policyKey);
        if (key.isEmpty()) {
            error("Provision: no final policy key");
            return false;
        }
        device.policyKey = Long.parseLong(key.get());
        return true;
    }

    private static Optional<String> policyKey(WbxmlElement provision) {
        return provision
                .child("Policies")
                .flatMap(p -> p.child("Policy"))
                .filter(p -> p.text("Status").orElse("").equals("1"))
                .flatMap(p -> p.text("PolicyKey"));
    }

    /** FolderSync from key 0; the device learns its Inbox's CollectionId. */
    boolean folderSync(SimDevice device, @Nullable Samples samples) {
        CodePage h = CodePage.FOLDER_HIERARCHY;
        Optional<WbxmlElement> answer =
                send(device, "FolderSync", WbxmlElement.of(h, "FolderSync").add("SyncKey", "0"), samples);
        if (answer.isEmpty()) {
            return false;
        }
        if (!answer.get().text("Status").orElse("").equals("1")) {
            error("FolderSync: Status " + answer.get().text("Status").orElse("none"));
            return false;
        }
        Optional<String> inbox = answer.get().child("Changes").stream()
                .flatMap(changes -> changes.children(h, "Add").stream())
                .filter(add -> add.text("Type").orElse("").equals(INBOX_TYPE))
                .flatMap(add -> add.text("ServerId").stream())
                .findFirst();
        if (inbox.isEmpty()) {
            error("FolderSync: no Inbox");
            return false;
        }
        device.inbox = Long.parseLong(inbox.get());
        return true;
    }

    /**
     * Sync key 0 of the Inbox with the options every later Sync keeps: plain text bodies up to 32 KB (MS-ASAIRS
     * BodyPreference Type 1), the given window.
     */
    boolean primeInbox(SimDevice device, int windowSize) {
        WbxmlElement collection = collectionRequest(device, "0", windowSize)
                .add(WbxmlElement.of(A, "Options")
                        .add(WbxmlElement.of(BASE, "BodyPreference")
                                .add("Type", "1")
                                .add("TruncationSize", "32768")));
        device.items.clear();
        return sync(device, collection, null).map(c -> apply(device, c)).isPresent();
    }

    /** The Collection element of a Sync request for the device's Inbox. */
    static WbxmlElement collectionRequest(SimDevice device, String syncKey, int windowSize) {
        WbxmlElement collection = WbxmlElement.of(A, "Collection")
                .add("SyncKey", syncKey)
                .add("CollectionId", Long.toString(device.inbox));
        if (windowSize > 0) {
            collection.add("WindowSize", Integer.toString(windowSize));
        }
        return collection;
    }

    /**
     * Sends one Sync of one collection; returns the answer's Collection when the Sync and the collection both have
     * Status 1. The caller applies it.
     */
    Optional<WbxmlElement> sync(SimDevice device, WbxmlElement collection, @Nullable Samples samples) {
        WbxmlElement request =
                WbxmlElement.of(A, "Sync").add(WbxmlElement.of(A, "Collections").add(collection));
        return send(device, "Sync", request, samples).flatMap(this::syncedCollection);
    }

    private Optional<WbxmlElement> syncedCollection(WbxmlElement answer) {
        if (answer.text("Status").isPresent()) {
            error("Sync: Status " + answer.text("Status").get());
            return Optional.empty();
        }
        Optional<WbxmlElement> collection = answer.child("Collections").flatMap(c -> c.child("Collection"));
        if (collection.isEmpty()) {
            error("Sync: no Collection in the answer");
            return Optional.empty();
        }
        String status = collection.get().text("Status").orElse("none");
        if (!status.equals("1")) {
            error("Sync: collection Status " + status);
            return Optional.empty();
        }
        return collection;
    }

    /**
     * Applies a Sync answer's Collection to the device's copy as a device would, counting what a device could not
     * apply and every per-item Status other than 1. Returns how many items it added.
     */
    int apply(SimDevice device, WbxmlElement collection) {
        collection.text("SyncKey").ifPresent(key -> device.syncKey = key);
        int added = 0;
        for (WbxmlElement command :
                collection.child("Commands").map(WbxmlElement::children).orElse(List.of())) {
            String serverId = command.text("ServerId").orElse("");
            Optional<WbxmlElement> data = command.child("ApplicationData");
            switch (command.name()) {
                case "Add" -> {
                    if (device.items.containsKey(serverId)) {
                        error(DUPLICATE);
                    }
                    if (data.flatMap(d -> d.child(BASE, "Body")).isEmpty()) {
                        error("Add without a Body");
                    }
                    device.items.put(serverId, held(data.orElse(null), null));
                    added++;
                }
                case "Change" -> {
                    SimDevice.Held before = device.items.get(serverId);
                    if (before == null) {
                        error("Change of an item the device does not hold");
                    }
                    device.items.put(serverId, held(data.orElse(null), before));
                }
                case "Delete", "SoftDelete" -> {
                    if (device.items.remove(serverId) == null) {
                        error("Delete of an item the device does not hold");
                    }
                }
                default -> error("unknown server command " + command.name());
            }
        }
        for (WbxmlElement response :
                collection.child("Responses").map(WbxmlElement::children).orElse(List.of())) {
            String status = response.text("Status").orElse("none");
            if (!status.equals("1")) {
                error("item response " + response.name() + ": Status " + status);
            }
        }
        return added;
    }

    /** Syncs the Inbox with the device's key until no MoreAvailable; returns how many items were added. */
    int syncFully(SimDevice device, int windowSize, @Nullable Samples samples) {
        int added = 0;
        while (true) {
            Optional<WbxmlElement> collection =
                    sync(device, collectionRequest(device, device.syncKey, windowSize), samples);
            if (collection.isEmpty()) {
                return added;
            }
            added += apply(device, collection.get());
            if (collection.get().child("MoreAvailable").isEmpty()) {
                return added;
            }
        }
    }

    static SimDevice.Held held(@Nullable WbxmlElement data, SimDevice.@Nullable Held before) {
        boolean read = data == null
                ? before != null && before.read()
                : data.text(EMAIL, "Read").map("1"::equals).orElse(before != null && before.read());
        String flag = data == null
                ? (before == null ? "0" : before.flagStatus())
                : data.child(EMAIL, "Flag")
                        .map(f -> f.text(EMAIL, "Status").orElse("0"))
                        .orElse(before == null ? "0" : before.flagStatus());
        return new SimDevice.Held(read, flag);
    }

    // ---- running many devices

    /** Runs one task per device on its own virtual thread and waits for all of them. */
    <T> void each(List<T> devices, DeviceTask<T> task) {
        List<java.util.concurrent.Future<?>> running = new ArrayList<>(devices.size());
        for (T device : devices) {
            running.add(executor.submit(() -> {
                task.run(device);
                return null;
            }));
        }
        for (java.util.concurrent.Future<?> future : running) {
            try {
                future.get();
            } catch (java.util.concurrent.ExecutionException e) {
                error("load client: " + e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    /** What one simulated device does. */
    @FunctionalInterface
    interface DeviceTask<T> {
        void run(T device) throws Exception;
    }

    // ---- errors

    void error(String kind) {
        errors.computeIfAbsent(kind, k -> new LongAdder()).increment();
    }

    long count(String kind) {
        LongAdder count = errors.get(kind);
        return count == null ? 0 : count.sum();
    }

    /** The errors counted so far, by kind, and forgets them. */
    Map<String, Long> takeErrors() {
        Map<String, Long> taken = new TreeMap<>();
        errors.forEach((kind, count) -> taken.put(kind, count.sum()));
        errors.clear();
        return taken;
    }

    @Override
    public void close() {
        http.close();
        executor.close();
    }
}
