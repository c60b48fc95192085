package org.atoll.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.atoll.account.AccountView;
import org.atoll.account.Accounts;
import org.atoll.mailbox.Mailboxes;
import org.atoll.mailbox.MessageView;
import org.atoll.mailbox.SystemFolder;
import org.atoll.support.AtollProcess;
import org.atoll.support.AtollRuntime;
import org.atoll.support.AtollTest;
import org.atoll.support.LmtpClient;
import org.atoll.support.PingBodies;
import org.atoll.support.TestAccounts;
import org.atoll.support.Waiting;
import org.atoll.wbxml.WbxmlElement;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Three Atoll nodes on one PostgreSQL behind a real nginx, configured as the README tells operators. Devices talk
 * only to nginx, which spreads their requests over the nodes in turn. Pings parked on every node are woken by mail
 * delivered through one node and by a change a device makes through the proxy (MS-ASCMD 2.2.1.13, Status 2); then
 * one node is killed with SIGKILL while Pings are parked on it, and its devices come back through the proxy to the
 * survivors and end with exactly the server's mailbox: nothing lost, nothing twice. The figures go to
 * {@code target/three-nodes-report.md}.
 */
@AtollTest
class ThreeNodesBehindNginxTest {

    static final String PASSWORD = "correct horse battery";
    static final String SCRAPE_TOKEN = "scrape-token-for-the-node-test-0123456789";
    static final Pattern PARKED = Pattern.compile("(?m)^atoll_push_parked(?:\\{[^}]*})? ([0-9.]+)");
    static final int HEARTBEAT = 120;

    @Autowired
    Accounts accounts;

    @Autowired
    Mailboxes mailboxes;

    @Autowired
    DataSource dataSource;

    final List<AtollProcess> nodes = new ArrayList<>();
    final Ledger ledger = new Ledger();
    final AtomicInteger inFlight = new AtomicInteger();
    final HttpClient http = HttpClient.newHttpClient();
    Nginx nginx;

    /** One device with the account it belongs to. */
    record Phone(SimulatedDevice device, AccountView account, long inbox) {}

    @AfterEach
    void stop() throws Exception {
        if (nginx != null) {
            nginx.close();
        }
        for (AtollProcess node : nodes) {
            node.close();
        }
    }

    @Test
    void pingsOnEveryNodeWakeForChangesThroughTheOthersAndSurviveANodeKill() throws Exception {
        assumeTrue(Nginx.program() != null, "nginx is installed (.ci/run installs it)");
        AtollProcess.Database database = ReliabilityDatabase.of(dataSource);
        AtollRuntime.get().train(database);
        for (int i = 0; i < 3; i++) {
            nodes.add(new AtollProcess("node" + i, database)
                    .with("atoll.mail.lmtp.port", Integer.toString(AtollProcess.freePort()))
                    .with("atoll.security.metrics-scrape-token", SCRAPE_TOKEN)
                    .with("atoll.security.trusted-proxies", "127.0.0.1")
                    .startInBackground());
        }
        for (AtollProcess node : nodes) {
            node.awaitReady();
        }
        nginx = Nginx.start(nodes.stream().map(AtollProcess::port).toList());

        AccountView sender = TestAccounts.open(accounts, "nodes-big");
        SimulatedDevice bigSender =
                new SimulatedDevice("NodeBigSender", sender.address(), PASSWORD, nginx::port, ledger, inFlight);
        bigSender.provision();
        String attachment = "x".repeat(2 * 1024 * 1024);
        assertThat(bigSender.sendMail(
                        "big",
                        "From: " + sender.address() + "\r\nTo: " + sender.address()
                                + "\r\nSubject: Two megabytes\r\nMIME-Version: 1.0\r\n"
                                + "Content-Type: text/plain\r\n\r\n" + attachment + "\r\n"))
                .as("a SendMail of 2 MB passes the proxy (client_max_body_size)")
                .isTrue();

        List<Phone> phones = new ArrayList<>();
        List<SimulatedDevice> writers = new ArrayList<>();
        for (int a = 0; a < 3; a++) {
            AccountView account = TestAccounts.open(accounts, "nodes" + a);
            long inbox =
                    mailboxes.systemFolder(account.id(), SystemFolder.INBOX).id();
            for (int d = 0; d < 3; d++) {
                SimulatedDevice device = new SimulatedDevice(
                        "Node" + a + "Phone" + d, account.address(), PASSWORD, nginx::port, ledger, inFlight);
                device.provision();
                device.folderSync();
                device.syncFully(inbox);
                phones.add(new Phone(device, account, inbox));
            }
            SimulatedDevice writer = new SimulatedDevice(
                    "Node" + a + "Writer", account.address(), PASSWORD, nginx::port, ledger, inFlight);
            writer.provision();
            writer.syncFully(inbox);
            writers.add(writer);
        }

        // Round 1: a Ping parked on every node, mail delivered through node 0 only.
        Map<Phone, CompletableFuture<SimulatedDevice.Answer>> pings = park(phones);
        Map<Integer, Integer> parked = awaitParked(phones.size());
        assertThat(parked.values()).as("Pings parked per node").allMatch(n -> n > 0);
        for (int a = 0; a < 3; a++) {
            deliver(0, phones.get(a * 3).account(), "round one " + a);
        }
        assertWokenWithInbox(pings);
        for (Phone phone : phones) {
            phone.device().syncFully(phone.inbox());
        }

        // Round 2: a change made through the proxy by another device of each account.
        pings = park(phones);
        Map<Integer, Integer> parkedAgain = awaitParked(phones.size());
        for (int a = 0; a < 3; a++) {
            SimulatedDevice writer = writers.get(a);
            writer.syncFully(phones.get(a * 3).inbox());
            String serverId =
                    writer.items(phones.get(a * 3).inbox()).keySet().iterator().next();
            writer.sync(
                    phones.get(a * 3).inbox(),
                    List.of(WbxmlElement.of(SimulatedDevice.A, "Change")
                            .add("ServerId", serverId)
                            .add(WbxmlElement.of(SimulatedDevice.A, "ApplicationData")
                                    .add(SimulatedDevice.EMAIL, "Read", "1"))));
        }
        assertWokenWithInbox(pings);

        // Round 3: devices loop Ping and Sync while mail arrives; node 1 dies with Pings parked on it.
        AtomicBoolean running = new AtomicBoolean(true);
        List<Thread> loops = new ArrayList<>();
        for (Phone phone : phones) {
            loops.add(Thread.ofVirtual().start(() -> pingAndSync(phone, running)));
        }
        Map<Integer, Integer> beforeKill = awaitParked(phones.size());
        int parkedOnVictim = beforeKill.get(1);
        nodes.get(1).kill();
        int delivered = 0;
        for (int round = 0; round < 5; round++) {
            for (int a = 0; a < 3; a++) {
                deliver(round % 2 == 0 ? 0 : 2, phones.get(a * 3).account(), "after the kill " + round + " " + a);
                delivered++;
            }
            Thread.sleep(300);
        }
        for (Phone phone : phones) {
            Waiting.until(
                    phone.device().name() + " holds the whole Inbox",
                    () -> phone.device().items(phone.inbox()).size()
                            == server(phone).size());
        }
        running.set(false);
        for (int a = 0; a < 3; a++) {
            deliver(0, phones.get(a * 3).account(), "closing " + a);
        }
        for (Thread loop : loops) {
            loop.join(Duration.ofMinutes(2));
        }
        for (Phone phone : phones) {
            phone.device().syncFully(phone.inbox());
        }

        List<String> broken = new ArrayList<>(ledger.violations());
        for (Phone phone : phones) {
            Map<String, SimulatedDevice.Item> server = server(phone);
            if (!phone.device().items(phone.inbox()).equals(server)) {
                broken.add(phone.device().name() + " holds "
                        + phone.device().items(phone.inbox()).keySet() + ", the server " + server.keySet());
            }
            Map<String, Integer> subjects = new HashMap<>();
            server.values().forEach(item -> subjects.merge(item.subject(), 1, Integer::sum));
            subjects.forEach((subject, copies) -> {
                if (copies > 1) {
                    broken.add(phone.account().address() + " holds \"" + subject + "\" " + copies + " times");
                }
            });
        }
        Map<String, Integer> served = servedPerNode();
        writeReport(parked, parkedAgain, beforeKill, parkedOnVictim, delivered, served, broken);

        assertThat(broken).as("see target/three-nodes-report.md").isEmpty();
        assertThat(parkedOnVictim).as("Pings parked on the killed node").isPositive();
        assertThat(served).as("requests served per node").hasSize(3);
    }

    /** Sends a Ping from every device at once (through the proxy); the futures complete with the answers. */
    Map<Phone, CompletableFuture<SimulatedDevice.Answer>> park(List<Phone> phones) {
        Map<Phone, CompletableFuture<SimulatedDevice.Answer>> pings = new LinkedHashMap<>();
        for (Phone phone : phones) {
            CompletableFuture<SimulatedDevice.Answer> answer = new CompletableFuture<>();
            Thread.ofVirtual().start(() -> {
                try {
                    answer.complete(phone.device().send("Ping", PingBodies.ping(HEARTBEAT, phone.inbox())));
                } catch (Exception e) {
                    answer.completeExceptionally(e);
                }
            });
            pings.put(phone, answer);
        }
        return pings;
    }

    void assertWokenWithInbox(Map<Phone, CompletableFuture<SimulatedDevice.Answer>> pings) throws Exception {
        for (Map.Entry<Phone, CompletableFuture<SimulatedDevice.Answer>> ping : pings.entrySet()) {
            WbxmlElement answer = Waiting.result(ping.getValue()).body();
            assertThat(answer.text("Status"))
                    .as("Ping Status of %s", ping.getKey().device().name())
                    .hasValue("2");
            assertThat(PingBodies.changed(answer))
                    .containsExactly(Long.toString(ping.getKey().inbox()));
        }
    }

    /** A device's push loop: Ping, and Sync the Inbox whenever the Ping says it changed. */
    void pingAndSync(Phone phone, AtomicBoolean running) {
        try {
            while (running.get()) {
                SimulatedDevice.Answer answer = phone.device().send("Ping", PingBodies.ping(HEARTBEAT, phone.inbox()));
                if (answer != null
                        && answer.body() != null
                        && answer.body().text("Status").orElse("").equals("2")) {
                    phone.device().syncFully(phone.inbox());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Waits until the nodes alive hold {@code count} parked requests between them; returns them per node. */
    Map<Integer, Integer> awaitParked(int count) throws InterruptedException {
        Map<Integer, Integer> parked = new LinkedHashMap<>();
        Waiting.until(count + " requests parked", () -> {
            parked.clear();
            for (int i = 0; i < nodes.size(); i++) {
                if (nodes.get(i).isAlive()) {
                    parked.put(i, parked(nodes.get(i)));
                }
            }
            return parked.values().stream().mapToInt(Integer::intValue).sum() == count;
        });
        return parked;
    }

    int parked(AtollProcess node) {
        try {
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node.port() + "/actuator/prometheus"))
                            .header("Authorization", "Bearer " + SCRAPE_TOKEN)
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            Matcher matcher = PARKED.matcher(response.body());
            return matcher.find() ? (int) Double.parseDouble(matcher.group(1)) : -1;
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    void deliver(int node, AccountView account, String subject) throws IOException {
        String message = "From: sender@remote.test\r\nTo: " + account.address() + "\r\nSubject: " + subject
                + "\r\nMessage-ID: <" + UUID.randomUUID() + "@remote.test>\r\n\r\nHello\r\n";
        try (LmtpClient lmtp = new LmtpClient(Integer.parseInt(nodes.get(node).setting("atoll.mail.lmtp.port")))) {
            lmtp.reply();
            lmtp.command("LHLO mta.remote.test");
            assertThat(lmtp.deliver("sender@remote.test", List.of(account.address()), message))
                    .containsExactly("250 2.0.0 Delivered");
        }
    }

    Map<String, SimulatedDevice.Item> server(Phone phone) {
        Map<String, SimulatedDevice.Item> items = new LinkedHashMap<>();
        for (MessageView m : mailboxes.messages(phone.account().id(), phone.inbox(), 0, Mailboxes.MAX_PAGE)) {
            items.put(
                    phone.inbox() + ":" + m.id(),
                    new SimulatedDevice.Item(
                            m.subject() == null ? "" : m.subject(),
                            m.read(),
                            Integer.toString(m.flag().status().code())));
        }
        return items;
    }

    /** Requests per node as nginx logged them (its upstream address), from the access log. */
    Map<String, Integer> servedPerNode() throws IOException {
        Map<String, Integer> served = new TreeMap<>();
        for (String line : nginx.accessLog()) {
            String[] fields = line.split("\\|");
            if (fields.length >= 4) {
                for (String upstream : fields[3].split(",\\s*")) {
                    if (upstream.startsWith("127.0.0.1:")) {
                        served.merge(upstream, 1, Integer::sum);
                    }
                }
            }
        }
        return served;
    }

    void writeReport(
            Map<Integer, Integer> parked,
            Map<Integer, Integer> parkedAgain,
            Map<Integer, Integer> beforeKill,
            int parkedOnVictim,
            int delivered,
            Map<String, Integer> served,
            List<String> broken)
            throws IOException {
        Set<String> lines = new LinkedHashSet<>();
        lines.add("# Three nodes behind nginx\n");
        lines.add("Pings parked per node, round 1 (woken by LMTP through node 0): " + parked);
        lines.add("Pings parked per node, round 2 (woken by a device's change through the proxy): " + parkedAgain);
        lines.add("Requests parked per node before node 1 was killed: " + beforeKill + " (" + parkedOnVictim
                + " on node 1)");
        lines.add("Messages delivered after the kill: " + delivered);
        lines.add("Requests served per node (nginx access log): " + served);
        ledger.counts().forEach((what, count) -> lines.add(what + ": " + count));
        lines.add("Violations: " + (broken.isEmpty() ? "none" : String.join("; ", broken)));
        Files.write(Path.of("target", "three-nodes-report.md"), lines);
    }
}
