package org.atoll.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.atoll.account.AccountView;
import org.atoll.account.Accounts;
import org.atoll.mailbox.FolderType;
import org.atoll.mailbox.Mailboxes;
import org.atoll.mailbox.MessageView;
import org.atoll.mailbox.SystemFolder;
import org.atoll.shared.CrashPoint;
import org.atoll.support.AtollProcess;
import org.atoll.support.AtollRuntime;
import org.atoll.support.AtollTest;
import org.atoll.support.LmtpClient;
import org.atoll.support.Mime;
import org.atoll.support.TestAccounts;
import org.atoll.wbxml.CodePage;
import org.atoll.wbxml.WbxmlElement;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Crash consistency: Atoll runs as a process of its own and is killed with SIGKILL over and over while simulated
 * devices Sync (client Changes, Deletes and draft Adds), move items, send mail to an SMTP peer and an MTA delivers by
 * LMTP. Some kills come at random moments with requests in flight; others at named points where the server halts
 * itself after a commit and before the answer that acknowledges it ({@link CrashPoint}). After every restart each
 * device resends its unanswered request byte for byte (the same SyncKey, the same ClientId), as MS-ASCMD 3.1.5.9
 * expects of a client that lost an answer. At the end: nothing acknowledged is lost, nothing is applied twice, no
 * device was sent back to SyncKey 0, every message LMTP acknowledged is there, and every message handed to the
 * smarthost arrived there once. The run's report is written to {@code target/crash-consistency-report.md}.
 *
 * <p>{@code -Datoll.crash.kills=N} sets the number of kills (50 by default), {@code -Datoll.crash.seed=S} repeats a
 * run's random choices.
 */
@AtollTest
class CrashConsistencyTest {

    static final int KILLS = Integer.getInteger("atoll.crash.kills", 50);
    static final long SEED = Long.getLong("atoll.crash.seed", System.nanoTime());
    static final String PASSWORD = "correct horse battery";
    static final List<String> POINTS = List.of(
            CrashPoint.EAS_ANSWERED + "Sync",
            CrashPoint.EAS_ANSWERED + "MoveItems",
            CrashPoint.EAS_ANSWERED + "SendMail",
            CrashPoint.LMTP_DELIVERED,
            CrashPoint.OUTBOUND_HANDED_OVER);
    static final Pattern MESSAGE_ID = Pattern.compile("(?im)^Message-ID:\\s*(<[^>]+>)");

    @Autowired
    Accounts accounts;

    @Autowired
    Mailboxes mailboxes;

    @Autowired
    DataSource dataSource;

    @Autowired
    JdbcClient jdbc;

    GreenMail smtp;
    AtollProcess node;
    final Ledger ledger = new Ledger();
    final AtomicInteger inFlight = new AtomicInteger();
    final List<Box> boxes = new ArrayList<>();
    final Map<String, Integer> handedOverBeforeKill = new ConcurrentHashMap<>();
    final Map<String, Integer> lmtpUnanswered = new ConcurrentHashMap<>();
    final Map<Long, Set<String>> lmtpAcknowledged = new ConcurrentHashMap<>();
    volatile boolean running = true;

    /** One account with the device that changes things and the device that only watches. */
    static final class Box {
        final AccountView account;
        final long inbox;
        final long drafts;
        final long trash;
        final long sent;
        final long archive;
        SimulatedDevice writer;
        SimulatedDevice reader;
        final Set<Long> read = ConcurrentHashMap.newKeySet();
        final Set<Long> flagged = ConcurrentHashMap.newKeySet();
        final Set<Long> deleted = ConcurrentHashMap.newKeySet();
        final Set<Long> moved = ConcurrentHashMap.newKeySet();
        final Set<String> drafted = ConcurrentHashMap.newKeySet();
        final Map<String, String> sentByMessageId = new ConcurrentHashMap<>();
        final Set<String> touched = ConcurrentHashMap.newKeySet();

        Box(AccountView account, long inbox, long drafts, long trash, long sent, long archive) {
            this.account = account;
            this.inbox = inbox;
            this.drafts = drafts;
            this.trash = trash;
            this.sent = sent;
            this.archive = archive;
        }
    }

    /** One kill and what became of it. */
    record Kill(int number, String how, String point, long afterReadyMillis, int inFlight, String outcome) {}

    @BeforeEach
    void start() throws Exception {
        smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        AtollProcess.Database database = ReliabilityDatabase.of(dataSource);
        AtollRuntime.get().train(database);
        node = new AtollProcess("crash", database)
                .with("atoll.mail.lmtp.port", Integer.toString(AtollProcess.freePort()))
                .with("atoll.mail.smarthost.host", "127.0.0.1")
                .with(
                        "atoll.mail.smarthost.port",
                        Integer.toString(smtp.getSmtp().getPort()))
                .with("atoll.mail.outbound.poll-interval", "200ms")
                .with("atoll.mail.outbound.first-retry", "1s")
                .with("atoll.mail.outbound.max-retry", "2s")
                .with("atoll.mail.send-limits.messages-per-minute", "0")
                .with("atoll.mail.send-limits.recipients-per-hour", "0");
    }

    @AfterEach
    void stop() throws Exception {
        running = false;
        if (node != null) {
            node.close();
        }
        smtp.stop();
    }

    int lmtpPort() {
        return Integer.parseInt(node.setting("atoll.mail.lmtp.port"));
    }

    @Test
    void everyAcknowledgedChangeSurvivesSigkillExactlyOnce() throws Exception {
        Random random = new Random(SEED);
        for (int i = 0; i < 3; i++) {
            AccountView account = TestAccounts.open(accounts, "crash" + i);
            long inbox =
                    mailboxes.systemFolder(account.id(), SystemFolder.INBOX).id();
            Box box = new Box(
                    account,
                    inbox,
                    mailboxes.systemFolder(account.id(), SystemFolder.DRAFTS).id(),
                    mailboxes
                            .systemFolder(account.id(), SystemFolder.DELETED_ITEMS)
                            .id(),
                    mailboxes
                            .systemFolder(account.id(), SystemFolder.SENT_ITEMS)
                            .id(),
                    mailboxes
                            .createFolder(account.id(), null, "Archive", FolderType.USER_MAIL)
                            .id());
            for (int m = 0; m < 20; m++) {
                mailboxes.deliver(account.id(), inbox, Mime.message("seed " + i + " " + m), null);
            }
            box.writer = new SimulatedDevice("CrashW" + i, account.address(), PASSWORD, node::port, ledger, inFlight);
            box.reader = new SimulatedDevice("CrashR" + i, account.address(), PASSWORD, node::port, ledger, inFlight);
            lmtpAcknowledged.put(account.id(), ConcurrentHashMap.newKeySet());
            boxes.add(box);
        }
        node.start();
        for (Box box : boxes) {
            for (SimulatedDevice device : List.of(box.writer, box.reader)) {
                device.provision();
                device.syncFully(box.inbox);
                device.syncFully(box.drafts);
            }
        }

        List<Thread> workers = new ArrayList<>();
        for (Box box : boxes) {
            workers.add(Thread.ofVirtual().name("writer-" + box.writer.name()).start(() -> write(box)));
            workers.add(Thread.ofVirtual().name("reader-" + box.reader.name()).start(() -> watch(box)));
        }
        workers.add(Thread.ofVirtual().name("mta").start(this::deliverByLmtp));

        long began = System.nanoTime();
        List<Kill> kills = new ArrayList<>();
        List<String> plan = plan(random);
        for (int k = 0; k < plan.size(); k++) {
            String point = plan.get(k);
            kills.add(point.isEmpty() ? timedKill(k + 1, random) : pointKill(k + 1, point));
            recordHandedOverRows();
            String next = k + 1 < plan.size() ? plan.get(k + 1) : "";
            if (next.isEmpty()) {
                node.start();
            } else {
                node.nextStartWith(Map.of(
                                "atoll.crash-point",
                                next,
                                "atoll.crash-point.skip",
                                Integer.toString(random.nextInt(3))))
                        .startInBackground()
                        .awaitReadyUnlessEnded();
            }
        }
        Thread.sleep(1000);
        running = false;
        for (Thread worker : workers) {
            worker.join(Duration.ofMinutes(2));
        }
        awaitOutboundQueueEmpty();
        for (Box box : boxes) {
            for (SimulatedDevice device : List.of(box.writer, box.reader)) {
                device.syncFully(box.inbox);
                device.syncFully(box.drafts);
            }
        }
        Duration took = Duration.ofNanos(System.nanoTime() - began);

        List<String> broken = new ArrayList<>(ledger.violations());
        Map<String, Integer> figures = check(broken);
        writeReport(kills, figures, broken, took);

        assertThat(kills).as("kill points tried").hasSize(KILLS);
        assertThat(broken)
                .as("violated invariants; see target/crash-consistency-report.md")
                .isEmpty();
        assertThat(figures.get("acknowledged LMTP deliveries")).isPositive();
        assertThat(figures.get("acknowledged SendMail messages")).isPositive();
        assertThat(figures.get("acknowledged client changes, moves and draft Adds"))
                .isPositive();
    }

    /** Which kills come at a named point (its name) and which at a random moment (empty): about one in three. */
    List<String> plan(Random random) {
        List<String> plan = new ArrayList<>();
        int named = 0;
        for (int k = 0; k < KILLS; k++) {
            if (k > 0 && k % 3 == 2) {
                plan.add(POINTS.get(named++ % POINTS.size()));
            } else {
                plan.add("");
            }
        }
        return plan;
    }

    Kill timedKill(int number, Random random) throws InterruptedException {
        long delay = 300 + random.nextInt(1700);
        Thread.sleep(delay);
        int flying = inFlight.get();
        node.kill();
        return new Kill(number, "SIGKILL at a random moment", "", delay, flying, "killed");
    }

    Kill pointKill(int number, String point) throws InterruptedException {
        long began = System.nanoTime();
        boolean halted = node.awaitExit(Duration.ofSeconds(30));
        int flying = inFlight.get();
        if (!halted) {
            node.kill();
        }
        return new Kill(
                number,
                "halt at a named point",
                point,
                Duration.ofNanos(System.nanoTime() - began).toMillis(),
                flying,
                halted ? "halted there" : "not reached within 30 s; SIGKILL");
    }

    /**
     * With no node running, the queue rows whose message the SMTP peer already holds were cut between the peer's
     * acceptance and the commit that removes them: RFC 5321 section 6.1 leaves such a message to be sent again.
     */
    void recordHandedOverRows() throws MessagingException {
        Set<String> arrived = arrivedMessageIds().keySet();
        List<Long> ids = boxes.stream().map(b -> b.account.id()).toList();
        for (byte[] content : jdbc.sql("SELECT content FROM outbound_message WHERE account_id IN (:ids)")
                .param("ids", ids)
                .query(byte[].class)
                .list()) {
            Matcher id = MESSAGE_ID.matcher(new String(content, StandardCharsets.UTF_8));
            if (id.find() && arrived.contains(id.group(1))) {
                handedOverBeforeKill.merge(id.group(1), 1, Integer::sum);
            }
        }
    }

    Map<String, Integer> arrivedMessageIds() throws MessagingException {
        Map<String, Integer> arrived = new HashMap<>();
        for (MimeMessage message : smtp.getReceivedMessages()) {
            arrived.merge(message.getMessageID(), 1, Integer::sum);
        }
        return arrived;
    }

    void awaitOutboundQueueEmpty() throws InterruptedException {
        List<Long> ids = boxes.stream().map(b -> b.account.id()).toList();
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (System.nanoTime() < deadline) {
            long left = jdbc.sql("SELECT count(*) FROM outbound_message WHERE account_id IN (:ids)")
                    .param("ids", ids)
                    .query(Long.class)
                    .single();
            if (left == 0) {
                return;
            }
            Thread.sleep(200);
        }
    }

    /** The writer: changes, deletes, moves, drafts and sends, one request at a time, each resent until answered. */
    void write(Box box) {
        SimulatedDevice device = box.writer;
        int n = 0;
        try {
            while (running) {
                n++;
                switch (n % 4) {
                    case 0 -> change(box, n);
                    case 1 -> draft(box, n);
                    case 2 -> move(box);
                    default -> send(box, n);
                }
                device.sync(box.inbox, List.of());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            ledger.violation(device.name() + " stopped: " + e);
        }
    }

    List<Map.Entry<String, SimulatedDevice.Item>> untouched(Box box, int count) {
        return box.writer.items(box.inbox).entrySet().stream()
                .filter(e -> !box.touched.contains(e.getValue().subject()))
                .limit(count)
                .toList();
    }

    void change(Box box, int n) throws InterruptedException {
        List<Map.Entry<String, SimulatedDevice.Item>> items = untouched(box, 3);
        if (items.size() < 3) {
            return;
        }
        List<WbxmlElement> commands = new ArrayList<>();
        commands.add(WbxmlElement.of(SimulatedDevice.A, "Change")
                .add("ServerId", items.get(0).getKey())
                .add(WbxmlElement.of(SimulatedDevice.A, "ApplicationData").add(SimulatedDevice.EMAIL, "Read", "1")));
        commands.add(WbxmlElement.of(SimulatedDevice.A, "Change")
                .add("ServerId", items.get(1).getKey())
                .add(WbxmlElement.of(SimulatedDevice.A, "ApplicationData")
                        .add(WbxmlElement.of(SimulatedDevice.EMAIL, "Flag")
                                .add("Status", "2")
                                .add("FlagType", "for Follow Up"))));
        boolean delete = n % 8 == 0;
        if (delete) {
            commands.add(WbxmlElement.of(SimulatedDevice.A, "Delete")
                    .add("ServerId", items.get(2).getKey()));
        }
        items.forEach(e -> box.touched.add(e.getValue().subject()));
        WbxmlElement answer = box.writer.sync(box.inbox, commands);
        if (answer == null) {
            return;
        }
        for (WbxmlElement response :
                answer.child("Responses").map(WbxmlElement::children).orElse(List.of())) {
            ledger.violation(box.writer.name() + ": client change answered " + response);
        }
        box.read.add(messageId(items.get(0).getKey()));
        box.flagged.add(messageId(items.get(1).getKey()));
        if (delete) {
            box.deleted.add(messageId(items.get(2).getKey()));
        }
    }

    void draft(Box box, int n) throws InterruptedException {
        String subject = "draft " + box.writer.name() + " " + n;
        WbxmlElement add = WbxmlElement.of(SimulatedDevice.A, "Add")
                .add("ClientId", "c" + n)
                .add(WbxmlElement.of(SimulatedDevice.A, "ApplicationData")
                        .add(CodePage.EMAIL, "To", "Bob <bob@remote.test>")
                        .add(CodePage.EMAIL, "Subject", subject)
                        .add(WbxmlElement.of(CodePage.AIRSYNCBASE, "Body")
                                .add("Type", "1")
                                .add("Data", "Draft text")));
        WbxmlElement answer = box.writer.sync(box.drafts, List.of(add));
        if (answer == null) {
            return;
        }
        WbxmlElement added =
                answer.child("Responses").flatMap(r -> r.child("Add")).orElse(null);
        if (added == null || !added.text("Status").orElse("").equals("1")) {
            ledger.violation(box.writer.name() + ": draft Add answered " + added);
            return;
        }
        // An Add that names no Read is stored read, as a draft its author wrote; the device holds it so too.
        box.writer
                .items(box.drafts)
                .put(added.text("ServerId").orElseThrow(), new SimulatedDevice.Item(subject, true, "0"));
        box.drafted.add(subject);
    }

    void move(Box box) throws InterruptedException {
        List<Map.Entry<String, SimulatedDevice.Item>> items = untouched(box, 1);
        if (items.isEmpty()) {
            return;
        }
        String source = items.getFirst().getKey();
        box.touched.add(items.getFirst().getValue().subject());
        Map<String, String> moved = box.writer.move(box.inbox, box.archive, List.of(source));
        if (moved != null && moved.get(source) != null) {
            box.moved.add(messageId(moved.get(source)));
        }
    }

    /** The message id of an Email ServerId ({@code folder:message}). */
    static long messageId(String serverId) {
        return Long.parseLong(serverId.substring(serverId.indexOf(':') + 1));
    }

    void send(Box box, int n) throws InterruptedException {
        String messageId = "<" + UUID.randomUUID() + "@crash.test>";
        String subject = "sent " + box.writer.name() + " " + n;
        String mime = "From: " + box.account.address() + "\r\nTo: peer" + n + "@remote.test\r\nSubject: " + subject
                + "\r\nMessage-ID: " + messageId
                + "\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nHello.\r\n";
        Boolean taken = box.writer.sendMail("s" + n, mime);
        if (Boolean.TRUE.equals(taken)) {
            box.sentByMessageId.put(messageId, subject);
        }
    }

    /** The reader: Syncs Inbox and Drafts, holding what it gets the way a device does. */
    void watch(Box box) {
        try {
            while (running) {
                box.reader.sync(box.inbox, List.of());
                box.reader.sync(box.drafts, List.of());
                Thread.sleep(50);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            ledger.violation(box.reader.name() + " stopped: " + e);
        }
    }

    /** The MTA: one message at a time over LMTP, resent on a new connection until a reply comes. */
    void deliverByLmtp() {
        int n = 0;
        Random random = new Random(SEED + 1);
        try {
            while (running) {
                n++;
                Box box = boxes.get(random.nextInt(boxes.size()));
                String subject = "lmtp " + box.account.id() + " " + n;
                String message = "From: sender@remote.test\r\nTo: " + box.account.address() + "\r\nSubject: " + subject
                        + "\r\nMessage-ID: <" + UUID.randomUUID() + "@remote.test>\r\n\r\nBody " + n + "\r\n";
                int attempts = 0;
                while (true) {
                    attempts++;
                    String reply = lmtpOnce(box.account.address(), message);
                    if (reply != null && reply.startsWith("250")) {
                        lmtpAcknowledged.get(box.account.id()).add(subject);
                        break;
                    }
                    if (reply == null) {
                        lmtpUnanswered.merge(subject, 1, Integer::sum);
                    } else {
                        ledger.count("LMTP replies other than 250 (retried): " + reply.substring(0, 3));
                    }
                    Thread.sleep(100);
                }
                if (attempts > 1) {
                    ledger.count("LMTP deliveries resent after no reply");
                }
                Thread.sleep(40);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** One LMTP transaction; null when the connection failed before the reply after the data. */
    String lmtpOnce(String recipient, String message) {
        try (LmtpClient lmtp = new LmtpClient(lmtpPort())) {
            if (!lmtp.reply().startsWith("220")
                    || !lmtp.command("LHLO mta.remote.test").startsWith("250")) {
                return null;
            }
            List<String> replies = lmtp.deliver("sender@remote.test", List.of(recipient), message);
            String reply = replies.getFirst();
            return reply.endsWith("<closed>") ? null : reply;
        } catch (IOException e) {
            return null;
        }
    }

    /** Checks the invariants against the server's state; adds what is broken, returns the figures. */
    Map<String, Integer> check(List<String> broken) throws MessagingException {
        Map<String, Integer> figures = new LinkedHashMap<>();
        int changes = 0;
        int lmtp = 0;
        int lmtpDuplicates = 0;
        int sends = 0;
        int sentTwice = 0;
        Map<String, Integer> arrived = arrivedMessageIds();
        for (Box box : boxes) {
            long account = box.account.id();
            Map<String, SimulatedDevice.Item> inbox = server(account, box.inbox);
            Map<String, SimulatedDevice.Item> drafts = server(account, box.drafts);
            for (SimulatedDevice device : List.of(box.writer, box.reader)) {
                if (!device.items(box.inbox).equals(inbox)) {
                    broken.add(device.name() + " holds an Inbox unlike the server's: "
                            + diff(device.items(box.inbox), inbox));
                }
                if (!device.items(box.drafts).equals(drafts)) {
                    broken.add(device.name() + " holds Drafts unlike the server's: "
                            + diff(device.items(box.drafts), drafts));
                }
            }
            Map<String, List<MessageView>> bySubject = new HashMap<>();
            Map<Long, MessageView> byId = new HashMap<>();
            for (var folder : mailboxes.folders(account)) {
                for (MessageView m : mailboxes.messages(account, folder.id(), 0, Mailboxes.MAX_PAGE)) {
                    bySubject
                            .computeIfAbsent(m.subject() == null ? "" : m.subject(), x -> new ArrayList<>())
                            .add(m);
                    byId.put(m.id(), m);
                }
            }
            for (long id : box.read) {
                if (byId.get(id) == null || !byId.get(id).read()) {
                    broken.add("acknowledged Read of message " + id + " lost");
                }
            }
            for (long id : box.flagged) {
                if (byId.get(id) == null || byId.get(id).flag().status().code() != 2) {
                    broken.add("acknowledged Flag of message " + id + " lost");
                }
            }
            for (long id : box.deleted) {
                if (byId.get(id) == null || byId.get(id).folderId() != box.trash) {
                    broken.add("acknowledged Delete of message " + id + " did not leave it in Deleted Items");
                }
            }
            for (long id : box.moved) {
                if (byId.get(id) == null || byId.get(id).folderId() != box.archive) {
                    broken.add("acknowledged move of message " + id + " did not leave it in Archive");
                }
            }
            for (String subject : box.drafted) {
                List<MessageView> copies = bySubject.getOrDefault(subject, List.of());
                if (copies.size() != 1 || copies.getFirst().folderId() != box.drafts) {
                    broken.add("acknowledged draft \"" + subject + "\" stored " + copies.size() + " times");
                }
            }
            changes +=
                    box.read.size() + box.flagged.size() + box.deleted.size() + box.moved.size() + box.drafted.size();
            for (String subject : lmtpAcknowledged.get(account)) {
                int copies = bySubject.getOrDefault(subject, List.of()).size();
                if (copies == 0) {
                    broken.add("LMTP-acknowledged \"" + subject + "\" missing");
                } else if (copies > 1 + lmtpUnanswered.getOrDefault(subject, 0)) {
                    broken.add("LMTP delivery \"" + subject + "\" stored " + copies + " times");
                } else if (copies > 1) {
                    lmtpDuplicates++;
                }
                lmtp++;
            }
            for (Map.Entry<String, String> sent : box.sentByMessageId.entrySet()) {
                int copies = arrived.getOrDefault(sent.getKey(), 0);
                if (copies == 0) {
                    broken.add("sent message " + sent.getKey() + " never reached the SMTP peer");
                } else if (copies > 1 + handedOverBeforeKill.getOrDefault(sent.getKey(), 0)) {
                    broken.add("sent message " + sent.getKey() + " reached the SMTP peer " + copies + " times");
                } else if (copies > 1) {
                    sentTwice++;
                }
                List<MessageView> saved = bySubject.getOrDefault(sent.getValue(), List.of());
                if (saved.size() != 1 || saved.getFirst().folderId() != box.sent) {
                    broken.add("sent message \"" + sent.getValue() + "\" has " + saved.size()
                            + " copies, not one in Sent Items");
                }
                sends++;
            }
        }
        figures.put("acknowledged client changes, moves and draft Adds", changes);
        figures.put("acknowledged LMTP deliveries", lmtp);
        figures.put("LMTP deliveries stored twice after an unanswered attempt (RFC 5321 6.1)", lmtpDuplicates);
        figures.put("acknowledged SendMail messages", sends);
        figures.put(
                "sent messages at the SMTP peer twice, cut between its acceptance and the commit (RFC 5321 6.1)",
                sentTwice);
        figures.put(
                "queue rows found handed over at a kill",
                handedOverBeforeKill.values().stream()
                        .mapToInt(Integer::intValue)
                        .sum());
        return figures;
    }

    Map<String, SimulatedDevice.Item> server(long account, long folderId) {
        Map<String, SimulatedDevice.Item> items = new LinkedHashMap<>();
        for (MessageView m : mailboxes.messages(account, folderId, 0, Mailboxes.MAX_PAGE)) {
            items.put(
                    folderId + ":" + m.id(),
                    new SimulatedDevice.Item(
                            m.subject() == null ? "" : m.subject(),
                            m.read(),
                            Integer.toString(m.flag().status().code())));
        }
        return items;
    }

    static String diff(Map<String, SimulatedDevice.Item> device, Map<String, SimulatedDevice.Item> server) {
        Map<String, String> differences = new LinkedHashMap<>();
        device.forEach((id, item) -> {
            if (!item.equals(server.get(id))) {
                differences.put(id, "device " + item + ", server " + server.get(id));
            }
        });
        server.forEach((id, item) -> {
            if (!device.containsKey(id)) {
                differences.put(id, "device none, server " + item);
            }
        });
        return differences.toString();
    }

    void writeReport(List<Kill> kills, Map<String, Integer> figures, List<String> broken, Duration took)
            throws IOException {
        StringBuilder report = new StringBuilder("# Crash consistency run\n\n");
        report.append("Seed ")
                .append(SEED)
                .append(" (`-Datoll.crash.seed`), ")
                .append(kills.size())
                .append(" kills (`-Datoll.crash.kills`), ")
                .append(took.toSeconds())
                .append(" s.\n\n");
        Map<String, Long> byOutcome = kills.stream()
                .collect(Collectors.groupingBy(
                        k -> k.how() + (k.point().isEmpty() ? "" : " " + k.point()) + ": " + k.outcome(),
                        TreeMap::new,
                        Collectors.counting()));
        report.append("| Kill | Count |\n|---|---|\n");
        byOutcome.forEach((what, count) ->
                report.append("| ").append(what).append(" | ").append(count).append(" |\n"));
        report.append("\nRequests in flight at the kills: ")
                .append(kills.stream().mapToInt(Kill::inFlight).sum())
                .append("\n\n| Figure | Value |\n|---|---|\n");
        figures.forEach((what, value) ->
                report.append("| ").append(what).append(" | ").append(value).append(" |\n"));
        ledger.counts()
                .forEach((what, value) -> report.append("| ")
                        .append(what)
                        .append(" | ")
                        .append(value)
                        .append(" |\n"));
        report.append("\n## Violations\n\n");
        if (broken.isEmpty()) {
            report.append("None.\n");
        }
        broken.forEach(b -> report.append("- ").append(b).append('\n'));
        report.append("\n## Kills\n\n| # | How | Point | ms | In flight | Outcome |\n|---|---|---|---|---|---|\n");
        for (Kill kill : kills) {
            report.append("| ")
                    .append(kill.number())
                    .append(" | ")
                    .append(kill.how())
                    .append(" | ")
                    .append(kill.point())
                    .append(" | ")
                    .append(kill.afterReadyMillis())
                    .append(" | ")
                    .append(kill.inFlight())
                    .append(" | ")
                    .append(kill.outcome())
                    .append(" |\n");
        }
        Files.writeString(Path.of("target", "crash-consistency-report.md"), report.toString());
    }
}
