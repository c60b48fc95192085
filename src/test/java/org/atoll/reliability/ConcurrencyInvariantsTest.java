package org.atoll.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.atoll.support.MailClient.A;
import static org.atoll.support.MailClient.EMAIL;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.atoll.account.AccountView;
import org.atoll.account.Accounts;
import org.atoll.mail.LmtpServer;
import org.atoll.mailbox.FolderNameTaken;
import org.atoll.mailbox.FolderType;
import org.atoll.mailbox.Mailboxes;
import org.atoll.mailbox.MessageView;
import org.atoll.mailbox.SystemFolder;
import org.atoll.support.ApiClient;
import org.atoll.support.AtollTest;
import org.atoll.support.EasDevice;
import org.atoll.support.LmtpClient;
import org.atoll.support.MailClient;
import org.atoll.support.Mime;
import org.atoll.support.TestAccounts;
import org.atoll.wbxml.CodePage;
import org.atoll.wbxml.WbxmlElement;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Random concurrent moves, deletes, read and flag changes, folder renames and deliveries, from three devices (real
 * WBXML over HTTP: Sync, MoveItems, FolderSync, FolderUpdate), the REST API, the mailbox service as the dashboard
 * calls it, and LMTP, for a bounded time. Afterwards: every message is in exactly one folder (also as the journal
 * tells it), no message acknowledged by LMTP is missing unless someone deleted it for good, nothing is duplicated,
 * every device holds exactly the server's folders after one more Sync of each, and the account's journal modseqs are
 * gap-free and increasing.
 */
@AtollTest
class ConcurrencyInvariantsTest {

    private static final String PASSWORD = "correct horse battery";
    private static final Duration RUN = Duration.ofSeconds(8);
    private static final int DEVICES = 3;

    @LocalServerPort
    int port;

    @Autowired
    Accounts accounts;

    @Autowired
    Mailboxes mailboxes;

    @Autowired
    LmtpServer lmtp;

    @Autowired
    JdbcClient jdbc;

    AccountView account;
    List<Long> folders;
    long trash;
    long renamed;

    /** What went against an invariant while the load ran; each entry names the actor and what it saw. */
    final List<String> violations = Collections.synchronizedList(new ArrayList<>());

    final Set<String> delivered = ConcurrentHashMap.newKeySet();
    /**
     * Messages someone asked to delete. A delete meant for another folder removes a message for good when a move to
     * Deleted Items overtook it, so every deleted message may be gone; one nobody deleted must still be there.
     */
    final Set<String> deletedForGood = ConcurrentHashMap.newKeySet();

    final AtomicLong operations = new AtomicLong();

    @Test
    void concurrentChangesFromEveryFrontEndShouldKeepEveryInvariant() throws Exception {
        account = TestAccounts.open(accounts, "invariants");
        long inbox = mailboxes.systemFolder(account.id(), SystemFolder.INBOX).id();
        trash = mailboxes.systemFolder(account.id(), SystemFolder.DELETED_ITEMS).id();
        long archive = mailboxes
                .createFolder(account.id(), null, "Archive", FolderType.USER_MAIL)
                .id();
        renamed = mailboxes
                .createFolder(account.id(), null, "Projects", FolderType.USER_MAIL)
                .id();
        folders = List.of(inbox, archive, renamed, trash);
        for (int i = 0; i < 24; i++) {
            String subject = "seed-" + i;
            mailboxes.deliver(account.id(), folders.get(i % 3), Mime.message(subject), null);
            delivered.add(subject);
        }
        List<Device> devices = new ArrayList<>();
        for (int i = 0; i < DEVICES; i++) {
            Device device = new Device("Invariant" + i);
            device.folderSync();
            for (long folder : folders) {
                device.syncFully(folder);
            }
            devices.add(device);
        }

        ApiClient api = ApiClient.basic(port, account.address(), PASSWORD);
        ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor();
        List<Future<?>> running = new ArrayList<>();
        Instant end = Instant.now().plus(RUN);
        for (Device device : devices) {
            running.add(pool.submit(() -> loop(end, device.name, device::randomStep)));
        }
        running.add(pool.submit(() -> loop(end, "api", () -> apiStep(api))));
        running.add(pool.submit(() -> loop(end, "lmtp", this::lmtpStep)));
        running.add(pool.submit(() -> loop(end, "dashboard", this::renameStep)));
        for (Future<?> future : running) {
            future.get();
        }
        pool.shutdown();

        LoggerFactory.getLogger(ConcurrencyInvariantsTest.class)
                .info("{} operations in {}: {}", operations.get(), RUN, byActor);
        assertThat(violations).as("what the actors saw while the load ran").isEmpty();
        assertThat(byActor)
                .as("operations done by each actor")
                .hasSize(DEVICES + 3)
                .allSatisfy((actor, done) -> assertThat(done.get()).isGreaterThanOrEqualTo(3));
        eachMessageShouldBeInOneFolderAndTheJournalShouldAgree();
        nothingAcknowledgedShouldBeMissingOrDuplicated();
        journalModseqsShouldBeGapFreeAndIncreasing();
        for (Device device : devices) {
            device.folderSync();
            for (long folder : folders) {
                device.syncFully(folder);
                assertThat(device.held(folder))
                        .as("%s holds folder %d as the server does", device.name, folder)
                        .isEqualTo(server(folder));
            }
            assertThat(violations)
                    .as("what %s saw in its last Sync", device.name)
                    .isEmpty();
        }
    }

    /** The defect the run above found first: a request that changed nothing took a modseq and left a gap. */
    @Test
    void requestsThatChangeNothingShouldLeaveNoGapInTheJournal() {
        account = TestAccounts.open(accounts, "no-gap");
        long inbox = mailboxes.systemFolder(account.id(), SystemFolder.INBOX).id();
        MessageView message = mailboxes.deliver(account.id(), inbox, Mime.message("Once"), null);
        mailboxes.setRead(account.id(), List.of(message.id()), true);
        long before = mailboxes.highestModseq(account.id());

        mailboxes.setRead(account.id(), List.of(message.id()), true);
        mailboxes.move(account.id(), List.of(message.id()), inbox);
        mailboxes.setFlag(account.id(), List.of(message.id()), org.atoll.mailbox.Flag.CLEARED);

        assertThat(mailboxes.highestModseq(account.id())).isEqualTo(before);
        mailboxes.setRead(account.id(), List.of(message.id()), false);
        assertThat(mailboxes.highestModseq(account.id())).isEqualTo(before + 1);
        journalModseqsShouldBeGapFreeAndIncreasing();
    }

    private interface Step {
        void run() throws Exception;
    }

    final Map<String, AtomicLong> byActor = new ConcurrentHashMap<>();

    private void loop(Instant end, String actor, Step step) {
        while (Instant.now().isBefore(end)) {
            try {
                step.run();
                operations.incrementAndGet();
                byActor.computeIfAbsent(actor, a -> new AtomicLong()).incrementAndGet();
            } catch (Exception | AssertionError e) {
                violations.add(actor + ": " + e);
            }
        }
    }

    // ---- the actors

    private void apiStep(ApiClient api) {
        long folder = pick(folders);
        ApiClient.Reply list = api.get(path("/folders/" + folder + "/messages?size=50"));
        if (list.status() != 200) {
            violations.add("api: listing answered " + list.status());
            return;
        }
        List<long[]> ids = new ArrayList<>();
        Map<Long, String> subjects = new HashMap<>();
        list.json().path("items").forEach(m -> {
            ids.add(new long[] {m.path("id").asLong()});
            subjects.put(m.path("id").asLong(), m.path("subject").asText());
        });
        if (ids.isEmpty()) {
            return;
        }
        long id = pick(ids)[0];
        ApiClient.Reply reply = switch (ThreadLocalRandom.current().nextInt(4)) {
            case 0 ->
                api.patch(
                        path("/messages/" + id),
                        Map.of("read", ThreadLocalRandom.current().nextBoolean()));
            case 1 ->
                api.patch(
                        path("/messages/" + id),
                        Map.of("flagged", ThreadLocalRandom.current().nextBoolean()));
            case 2 -> api.post(path("/messages/" + id + "/move"), Map.of("folderId", pick(folders)));
            default -> {
                deletedForGood.add(subjects.get(id));
                yield api.delete(path("/messages/" + id));
            }
        };
        if (reply.status() >= 300 && reply.status() != 404) {
            violations.add("api: answered " + reply.status() + " " + reply.text());
        }
    }

    private final AtomicInteger lmtpCount = new AtomicInteger();

    private void lmtpStep() throws Exception {
        String subject = "lmtp-" + lmtpCount.incrementAndGet();
        try (LmtpClient client = new LmtpClient(lmtp.port())) {
            client.reply();
            client.command("LHLO mta.example.org");
            String message = new String(Mime.message(subject), StandardCharsets.UTF_8);
            List<String> replies = client.deliver("sender@example.org", List.of(account.address()), message);
            if (replies.getFirst().startsWith("250")) {
                delivered.add(subject);
            } else {
                violations.add("lmtp: " + replies);
            }
        }
    }

    private final AtomicInteger renames = new AtomicInteger();

    private void renameStep() {
        try {
            mailboxes.updateFolder(account.id(), renamed, null, "Projects " + renames.incrementAndGet());
        } catch (FolderNameTaken taken) {
            violations.add("dashboard: " + taken);
        }
    }

    // ---- a device as a phone keeps it: only what the server told it, each command checked

    private final class Device {
        final String name;
        final EasDevice eas;
        final Map<Long, String> keys = new HashMap<>();
        final Map<Long, Map<String, MailClient.Item>> items = new HashMap<>();
        String folderKey = "0";

        Device(String name) throws Exception {
            this.name = name;
            this.eas = new EasDevice(port, account.address(), PASSWORD, name).provision();
        }

        Map<String, MailClient.Item> held(long folder) {
            return items.computeIfAbsent(folder, f -> new LinkedHashMap<>());
        }

        void folderSync() throws Exception {
            WbxmlElement response = eas.folderSync(folderKey);
            expect(response.text("Status"), "1", "FolderSync");
            folderKey = response.text("SyncKey").orElseThrow();
        }

        void syncFully(long folder) throws Exception {
            if (!keys.containsKey(folder)) {
                sync(folder, List.of());
            }
            while (sync(folder, List.of()).child("MoreAvailable").isPresent()) {
                operations.incrementAndGet();
            }
        }

        void randomStep() throws Exception {
            long folder = pick(folders);
            WbxmlElement synced = sync(folder, List.of());
            if (synced.child("MoreAvailable").isPresent()) {
                return;
            }
            List<String> ids = new ArrayList<>(held(folder).keySet());
            if (ids.isEmpty()) {
                return;
            }
            String serverId = pick(ids);
            MailClient.Item item = held(folder).get(serverId);
            switch (ThreadLocalRandom.current().nextInt(6)) {
                case 0 -> sync(folder, List.of(MailClient.markRead(serverId, !item.read())));
                case 1 -> sync(folder, List.of(MailClient.flag(serverId)));
                case 2 -> {
                    deletedForGood.add(item.subject());
                    sync(folder, List.of(MailClient.delete(serverId)));
                }
                case 3, 4 -> move(folder, serverId);
                default -> rename();
            }
        }

        /** One Sync with the current key (0 the first time) and the given client commands. */
        WbxmlElement sync(long folder, List<WbxmlElement> commands) throws Exception {
            String key = keys.getOrDefault(folder, "0");
            WbxmlElement collection = WbxmlElement.of(A, "Collection")
                    .add("SyncKey", key)
                    .add("CollectionId", Long.toString(folder))
                    .add("WindowSize", "25");
            if (!commands.isEmpty()) {
                WbxmlElement list = WbxmlElement.of(A, "Commands");
                commands.forEach(list::add);
                collection.add(list);
            }
            WbxmlElement response = eas.send(
                    "Sync",
                    WbxmlElement.of(A, "Sync")
                            .add(WbxmlElement.of(A, "Collections").add(collection)));
            expect(response.text("Status"), null, "Sync");
            WbxmlElement answer = response.child("Collections")
                    .orElseThrow()
                    .child("Collection")
                    .orElseThrow();
            expect(answer.text("Status"), "1", "Sync of " + folder);
            Set<String> failed = new HashSet<>();
            answer.child("Responses")
                    .ifPresent(r -> r.children().forEach(c -> {
                        if (!c.text("Status").equals(Optional.of("1"))) {
                            failed.add(c.text("ServerId").orElse(""));
                        }
                    }));
            Map<String, MailClient.Item> held = held(folder);
            for (WbxmlElement command : commands) {
                String serverId = command.text("ServerId").orElseThrow();
                if (failed.contains(serverId)) {
                    continue;
                }
                if (command.name().equals("Delete")) {
                    held.remove(serverId);
                } else {
                    held.put(serverId, item(command.child("ApplicationData").orElseThrow(), held.get(serverId)));
                }
            }
            for (WbxmlElement command :
                    answer.child("Commands").map(WbxmlElement::children).orElse(List.of())) {
                String serverId = command.text("ServerId").orElseThrow();
                switch (command.name()) {
                    case "Add" -> {
                        if (held.containsKey(serverId)) {
                            violations.add(name + ": Add of " + serverId + ", already held");
                        }
                        held.put(serverId, item(command.child("ApplicationData").orElseThrow(), null));
                    }
                    case "Change" -> {
                        if (!held.containsKey(serverId)) {
                            violations.add(name + ": Change of " + serverId + ", not held");
                        }
                        held.put(serverId, item(command.child("ApplicationData").orElseThrow(), held.get(serverId)));
                    }
                    default -> {
                        if (held.remove(serverId) == null) {
                            violations.add(name + ": " + command.name() + " of " + serverId + ", not held");
                        }
                    }
                }
            }
            keys.put(folder, answer.text("SyncKey").orElseThrow());
            return answer;
        }

        void move(long from, String serverId) throws Exception {
            long to = pick(folders);
            WbxmlElement response = eas.send(
                    "MoveItems",
                    WbxmlElement.of(CodePage.MOVE, "MoveItems")
                            .add(WbxmlElement.of(CodePage.MOVE, "Move")
                                    .add("SrcMsgId", serverId)
                                    .add("SrcFldId", Long.toString(from))
                                    .add("DstFldId", Long.toString(to))));
            WbxmlElement answer = response.child("Response").orElseThrow();
            String status = answer.text("Status").orElseThrow();
            switch (status) {
                case "3" -> {
                    MailClient.Item item = held(from).remove(serverId);
                    if (keys.containsKey(to) && item != null) {
                        held(to).put(answer.text("DstMsgId").orElseThrow(), item);
                    }
                }
                case "1", "7" -> {
                    // The item left the folder meanwhile; the next Sync of the folder tells the device.
                }
                case "4" -> {
                    if (from != to) {
                        violations.add(name + ": MoveItems Status 4 between different folders");
                    }
                }
                default -> violations.add(name + ": MoveItems Status " + status);
            }
        }

        void rename() throws Exception {
            folderSync();
            WbxmlElement response = eas.send(
                    "FolderUpdate",
                    WbxmlElement.of(CodePage.FOLDER_HIERARCHY, "FolderUpdate")
                            .add("SyncKey", folderKey)
                            .add("ServerId", Long.toString(renamed))
                            .add("ParentId", "0")
                            .add("DisplayName", name + " " + renames.incrementAndGet()));
            expect(response.text("Status"), "1", "FolderUpdate");
            response.text("SyncKey").ifPresent(k -> folderKey = k);
        }

        private void expect(Optional<String> status, String wanted, String what) {
            if (!status.equals(Optional.ofNullable(wanted))) {
                violations.add(name + ": " + what + " Status " + status.orElse("none"));
            }
        }
    }

    private static MailClient.Item item(WbxmlElement data, MailClient.Item before) {
        String subject = data.text(EMAIL, "Subject").orElse(before == null ? "" : before.subject());
        boolean read = data.text(EMAIL, "Read").map("1"::equals).orElse(before != null && before.read());
        String flag = data.child(EMAIL, "Flag")
                .map(f -> f.text(EMAIL, "Status").orElse("0"))
                .orElse(before == null ? "0" : before.flagStatus());
        List<String> categories = data.child(EMAIL, "Categories")
                .map(c -> c.children(EMAIL, "Category").stream()
                        .map(e -> e.text().orElse(""))
                        .toList())
                .orElse(before == null ? List.of() : before.categories());
        return new MailClient.Item(subject, read, flag, categories);
    }

    // ---- the invariants afterwards

    private void eachMessageShouldBeInOneFolderAndTheJournalShouldAgree() {
        Map<Long, Long> folderOf = new HashMap<>();
        jdbc.sql("SELECT id, folder_id FROM message WHERE account_id = ?")
                .param(account.id())
                .query(row -> {
                    folderOf.put(row.getLong(1), row.getLong(2));
                });
        assertThat(folderOf.values())
                .as("every message lies in a folder of the account")
                .allMatch(folders::contains);
        Map<Long, Set<Long>> presentBy = new HashMap<>();
        Map<List<Long>, Integer> last = new HashMap<>();
        jdbc.sql("""
                        SELECT message_id, folder_id, kind FROM journal
                        WHERE account_id = ? AND message_id IS NOT NULL ORDER BY modseq, ordinal
                        """).param(account.id()).query(row -> {
            last.put(List.of(row.getLong(1), row.getLong(2)), row.getInt(3));
        });
        last.forEach((messageAndFolder, kind) -> {
            if (kind != 3) {
                presentBy
                        .computeIfAbsent(messageAndFolder.getFirst(), m -> new HashSet<>())
                        .add(messageAndFolder.getLast());
            }
        });
        Map<Long, Set<Long>> stored = new HashMap<>();
        folderOf.forEach((message, folder) -> stored.put(message, Set.of(folder)));
        assertThat(presentBy)
                .as("the journal places each message where the store has it")
                .isEqualTo(stored);
    }

    private void nothingAcknowledgedShouldBeMissingOrDuplicated() {
        List<String> subjects = jdbc.sql("SELECT subject FROM message WHERE account_id = ?")
                .param(account.id())
                .query(String.class)
                .list();
        assertThat(subjects).as("no message twice").doesNotHaveDuplicates();
        assertThat(delivered)
                .as("delivered and acknowledged: still there, unless someone deleted it")
                .allMatch(s -> subjects.contains(s) || deletedForGood.contains(s));
        assertThat(subjects).as("nothing that was never delivered").allMatch(delivered::contains);
    }

    private void journalModseqsShouldBeGapFreeAndIncreasing() {
        List<Long> modseqs = jdbc.sql("SELECT DISTINCT modseq FROM journal WHERE account_id = ? ORDER BY modseq")
                .param(account.id())
                .query(Long.class)
                .list();
        long highest = mailboxes.highestModseq(account.id());
        assertThat(modseqs.getLast()).isEqualTo(highest);
        for (int i = 1; i < modseqs.size(); i++) {
            assertThat(modseqs.get(i)).as("modseq after %d", modseqs.get(i - 1)).isEqualTo(modseqs.get(i - 1) + 1);
        }
        List<Integer> badOrdinals =
                jdbc.sql("""
                        SELECT 1 FROM journal WHERE account_id = ? GROUP BY modseq
                        HAVING min(ordinal) <> 0 OR max(ordinal) <> count(*) - 1
                        """).param(account.id()).query(Integer.class).list();
        assertThat(badOrdinals)
                .as("ordinals within a modseq from 0 without a gap")
                .isEmpty();
    }

    private Map<String, MailClient.Item> server(long folderId) {
        Map<String, MailClient.Item> items = new LinkedHashMap<>();
        for (MessageView m : mailboxes.messages(account.id(), folderId, 0, Mailboxes.MAX_PAGE)) {
            items.put(
                    folderId + ":" + m.id(),
                    new MailClient.Item(
                            m.subject() == null ? "" : m.subject(),
                            m.read(),
                            Integer.toString(m.flag().status().code()),
                            m.categories()));
        }
        return items;
    }

    private String path(String rest) {
        return "/api/v1/mailboxes/" + account.id() + rest;
    }

    private static <T> T pick(List<T> list) {
        return list.get(ThreadLocalRandom.current().nextInt(list.size()));
    }
}
