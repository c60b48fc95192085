package org.atoll.reliability;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;
import org.atoll.wbxml.CodePage;
import org.atoll.wbxml.WbxmlDecoder;
import org.atoll.wbxml.WbxmlElement;
import org.atoll.wbxml.WbxmlEncoder;
import org.atoll.wbxml.WbxmlException;

/**
 * A device that keeps going when the server dies under it: ActiveSync 14.1 over real HTTP with WBXML bodies, each
 * request resent byte for byte (same SyncKey, same ClientId) until it is answered, as a phone retries a request
 * whose answer never came. It keeps its Email folders the way a device does and records, instead of throwing, what
 * no real device could accept: an Add of an item it holds, a Change or Delete of one it does not, a SyncKey the
 * server no longer knows (a forced full resync).
 */
final class SimulatedDevice {

    static final CodePage A = CodePage.AIRSYNC;
    static final CodePage EMAIL = CodePage.EMAIL;
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration PARKED_TIMEOUT = Duration.ofMinutes(5);

    /** One item as the device holds it. */
    record Item(String subject, boolean read, String flagStatus) {}

    /** An answer: its HTTP status and decoded body (null when empty). */
    record Answer(int status, WbxmlElement body) {}

    private final String name;
    private final String address;
    private final String password;
    private final IntSupplier port;
    private final Ledger ledger;
    private final HttpClient http = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(2))
            .version(HttpClient.Version.HTTP_1_1)
            .build();
    private final Map<Long, String> keys = new LinkedHashMap<>();
    private final Map<Long, Map<String, Item>> folders = new LinkedHashMap<>();
    private final AtomicInteger inFlight;
    private long policyKey;
    private volatile boolean stopping;

    SimulatedDevice(
            String name, String address, String password, IntSupplier port, Ledger ledger, AtomicInteger inFlight) {
        this.name = name;
        this.address = address;
        this.password = password;
        this.port = port;
        this.ledger = ledger;
        this.inFlight = inFlight;
    }

    String name() {
        return name;
    }

    Map<String, Item> items(long folderId) {
        return folders.computeIfAbsent(folderId, id -> new LinkedHashMap<>());
    }

    String key(long folderId) {
        return keys.getOrDefault(folderId, "0");
    }

    /** Stops retrying: a request in its retry loop gives up (used when a run ends). */
    void stop() {
        stopping = true;
    }

    /** Both phases of Provision (MS-ASPROV); afterwards every request carries the final PolicyKey. */
    void provision() throws InterruptedException {
        CodePage p = CodePage.PROVISION;
        WbxmlElement offered = send(
                        "Provision",
                        WbxmlElement.of(p, "Provision")
                                .add(WbxmlElement.of(p, "Policies")
                                        .add(WbxmlElement.of(p, "Policy")
                                                .add("PolicyType", "MS-EAS-Provisioning-WBXML"))))
                .body();
        String temporary = policy(offered).text("PolicyKey").orElseThrow();
        WbxmlElement acknowledged = send(
                        "Provision",
                        WbxmlElement.of(p, "Provision")
                                .add(WbxmlElement.of(p, "Policies")
                                        .add(WbxmlElement.of(p, "Policy")
                                                .add("PolicyType", "MS-EAS-Provisioning-WBXML")
                                                .add("PolicyKey", temporary)
                                                .add("Status", "1"))))
                .body();
        policyKey = Long.parseLong(policy(acknowledged).text("PolicyKey").orElseThrow());
    }

    /** FolderSync from key 0 (MS-ASCMD 2.2.1.5), which a device sends before it may Ping. */
    void folderSync() throws InterruptedException {
        Answer answer = send(
                "FolderSync",
                WbxmlElement.of(CodePage.FOLDER_HIERARCHY, "FolderSync").add("SyncKey", "0"));
        if (answer == null
                || answer.body() == null
                || !answer.body().text("Status").orElse("").equals("1")) {
            ledger.violation(name + ": FolderSync answered " + (answer == null ? null : answer.body()));
        }
    }

    private static WbxmlElement policy(WbxmlElement provision) {
        return provision.child("Policies").orElseThrow().child("Policy").orElseThrow();
    }

    /**
     * One Sync of one collection with the device's key and the given client commands, resent until answered, and
     * applied to the device's copy. Returns the collection element of the answer (null if the run ended first).
     */
    WbxmlElement sync(long folderId, List<WbxmlElement> commands) throws InterruptedException {
        WbxmlElement collection = WbxmlElement.of(A, "Collection")
                .add("SyncKey", key(folderId))
                .add("CollectionId", Long.toString(folderId))
                .add("WindowSize", "25");
        if (!commands.isEmpty()) {
            WbxmlElement list = WbxmlElement.of(A, "Commands");
            commands.forEach(list::add);
            collection.add(list);
        }
        Answer answer = send(
                "Sync",
                WbxmlElement.of(A, "Sync").add(WbxmlElement.of(A, "Collections").add(collection)));
        if (answer == null) {
            return null;
        }
        if (answer.body() == null || answer.body().text("Status").isPresent()) {
            ledger.violation(name + ": Sync answered without a collection: " + answer.body());
            return null;
        }
        WbxmlElement result = answer.body()
                .child("Collections")
                .orElseThrow()
                .child("Collection")
                .orElseThrow();
        String status = result.text("Status").orElse("");
        if (status.equals("3")) {
            ledger.violation(name + ": SyncKey " + key(folderId) + " of folder " + folderId
                    + " refused with Status 3, a forced full resync");
            keys.remove(folderId);
            items(folderId).clear();
            return null;
        }
        if (!status.equals("1")) {
            ledger.violation(name + ": Sync of folder " + folderId + " answered Status " + status);
            return null;
        }
        for (WbxmlElement command : commands) {
            String serverId = command.text("ServerId").orElse(null);
            if (serverId == null) {
                continue;
            }
            if (command.name().equals("Delete")) {
                items(folderId).remove(serverId);
            } else if (command.name().equals("Change")) {
                items(folderId)
                        .put(
                                serverId,
                                item(
                                        command.child("ApplicationData").orElseThrow(),
                                        items(folderId).get(serverId)));
            }
        }
        apply(folderId, result);
        return result;
    }

    /** Syncs the folder until nothing more is available (key 0 first if the device has no key yet). */
    void syncFully(long folderId) throws InterruptedException {
        if (!keys.containsKey(folderId) && sync(folderId, List.of()) == null) {
            return;
        }
        WbxmlElement collection;
        do {
            collection = sync(folderId, List.of());
        } while (collection != null && collection.child("MoreAvailable").isPresent());
    }

    private void apply(long folderId, WbxmlElement collection) {
        collection.text("SyncKey").ifPresent(key -> keys.put(folderId, key));
        Map<String, Item> items = items(folderId);
        for (WbxmlElement command :
                collection.child("Commands").map(WbxmlElement::children).orElse(List.of())) {
            String serverId = command.text("ServerId").orElseThrow();
            switch (command.name()) {
                case "Add" -> {
                    if (items.containsKey(serverId)) {
                        ledger.violation(name + ": Add of " + serverId + ", already held (a duplicate)");
                    }
                    items.put(serverId, item(command.child("ApplicationData").orElseThrow(), null));
                }
                case "Change" -> {
                    if (!items.containsKey(serverId)) {
                        ledger.violation(name + ": Change of " + serverId + ", not held");
                    }
                    items.put(serverId, item(command.child("ApplicationData").orElseThrow(), items.get(serverId)));
                }
                case "Delete", "SoftDelete" -> {
                    if (items.remove(serverId) == null) {
                        ledger.violation(name + ": Delete of " + serverId + ", not held");
                    }
                }
                default -> ledger.violation(name + ": unknown command " + command.name());
            }
        }
    }

    private static Item item(WbxmlElement data, Item before) {
        String subject = data.text(EMAIL, "Subject").orElse(before == null ? "" : before.subject());
        boolean read = data.text(EMAIL, "Read").map("1"::equals).orElse(before != null && before.read());
        String flag = data.child(EMAIL, "Flag")
                .map(f -> f.text(EMAIL, "Status").orElse("0"))
                .orElse(before == null ? "0" : before.flagStatus());
        return new Item(subject, read, flag);
    }

    /**
     * MoveItems of held items (MS-ASCMD 2.2.1.12), resent until answered; the moved items leave the device's copy
     * of the source. Returns the answers by source ServerId: the new ServerId, or null for a refused move.
     */
    Map<String, String> move(long from, long to, List<String> serverIds) throws InterruptedException {
        WbxmlElement request = WbxmlElement.of(CodePage.MOVE, "MoveItems");
        for (String serverId : serverIds) {
            request.add(WbxmlElement.of(CodePage.MOVE, "Move")
                    .add("SrcMsgId", serverId)
                    .add("SrcFldId", Long.toString(from))
                    .add("DstFldId", Long.toString(to)));
        }
        Answer answer = send("MoveItems", request);
        if (answer == null) {
            return null;
        }
        Map<String, String> moved = new LinkedHashMap<>();
        for (WbxmlElement response : answer.body().children("Response")) {
            String source = response.text("SrcMsgId").orElseThrow();
            if (response.text("Status").orElse("").equals("3")) {
                items(from).remove(source);
                moved.put(source, response.text("DstMsgId").orElseThrow());
            } else {
                ledger.violation(name + ": MoveItems of " + source + " answered Status "
                        + response.text("Status").orElse(""));
                moved.put(source, null);
            }
        }
        return moved;
    }

    /**
     * SendMail (MS-ASCMD 2.2.1.17) with a ClientId, resent until answered. Returns true when the server took the
     * message: an empty 200, or Status 118 for a retry whose first attempt was taken.
     */
    Boolean sendMail(String clientId, String mime) throws InterruptedException {
        CodePage c = CodePage.COMPOSE_MAIL;
        WbxmlElement request = WbxmlElement.of(c, "SendMail")
                .add("ClientId", clientId)
                .addEmpty("SaveInSentItems")
                .add(WbxmlElement.opaque(c, "Mime", mime.getBytes(StandardCharsets.UTF_8)));
        Answer answer = send("SendMail", request);
        if (answer == null) {
            return null;
        }
        if (answer.body() == null) {
            return true;
        }
        String status = answer.body().text("Status").orElse("");
        if (status.equals("118")) {
            ledger.count("SendMail retries answered 118 (already sent)");
            return true;
        }
        ledger.violation(name + ": SendMail " + clientId + " answered Status " + status);
        return false;
    }

    /**
     * Sends a request and resends the same bytes until an answer arrives: after a connection failure, a timeout or
     * an HTTP 5xx, once the server answers again. Returns null if the run ended first.
     */
    Answer send(String command, WbxmlElement body) throws InterruptedException {
        byte[] bytes = new WbxmlEncoder().encode(body);
        int attempt = 0;
        while (true) {
            attempt++;
            inFlight.incrementAndGet();
            try {
                HttpResponse<byte[]> response =
                        http.send(request(command, bytes), HttpResponse.BodyHandlers.ofByteArray());
                if (response.statusCode() >= 500) {
                    ledger.count("HTTP " + response.statusCode() + " answers (retried)");
                } else if (response.statusCode() != 200) {
                    ledger.violation(name + ": " + command + " answered HTTP " + response.statusCode());
                    return new Answer(response.statusCode(), null);
                } else {
                    if (attempt > 1) {
                        ledger.count(command + " requests resent after a lost answer");
                    }
                    return new Answer(
                            200, response.body().length == 0 ? null : new WbxmlDecoder().decode(response.body()));
                }
            } catch (IOException e) {
                ledger.count("requests cut by a crash (connection lost or refused)");
            } catch (WbxmlException e) {
                ledger.violation(name + ": undecodable " + command + " answer: " + e.getMessage());
                return null;
            } finally {
                inFlight.decrementAndGet();
            }
            if (stopping) {
                return null;
            }
            Thread.sleep(100);
        }
    }

    private HttpRequest request(String command, byte[] body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port.getAsInt()
                        + "/Microsoft-Server-ActiveSync?Cmd=" + command + "&User=" + address + "&DeviceId=" + name
                        + "&DeviceType=SmartPhone"))
                .timeout(command.equals("Ping") ? PARKED_TIMEOUT : REQUEST_TIMEOUT)
                .header(
                        "Authorization",
                        "Basic "
                                + Base64.getEncoder()
                                        .encodeToString((address + ":" + password).getBytes(StandardCharsets.UTF_8)))
                .header("MS-ASProtocolVersion", "14.1")
                .header("Content-Type", "application/vnd.ms-sync.wbxml")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (policyKey != 0) {
            request.header("X-MS-PolicyKey", Long.toString(policyKey));
        }
        return request.build();
    }
}
