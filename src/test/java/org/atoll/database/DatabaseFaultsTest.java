package org.atoll.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.atoll.support.MailClient.collection;

import com.zaxxer.hikari.HikariDataSource;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.atoll.account.AccountView;
import org.atoll.account.Accounts;
import org.atoll.mail.LmtpServer;
import org.atoll.mailbox.Mailboxes;
import org.atoll.mailbox.MessageView;
import org.atoll.mailbox.SystemFolder;
import org.atoll.push.internal.Waiters;
import org.atoll.support.ApiClient;
import org.atoll.support.AtollTest;
import org.atoll.support.EasDevice;
import org.atoll.support.LmtpClient;
import org.atoll.support.MailClient;
import org.atoll.support.Mime;
import org.atoll.support.PingBodies;
import org.atoll.support.TestAccounts;
import org.atoll.support.Waiting;
import org.atoll.wbxml.WbxmlDecoder;
import org.atoll.wbxml.WbxmlElement;
import org.atoll.wbxml.WbxmlEncoder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

/**
 * Database faults under load, on a PostgreSQL of this test's own: restarted in immediate mode while a Ping is parked
 * and Syncs, LMTP deliveries and REST writes are in flight; a statement timeout; a database that turns read-only.
 * Every request either succeeds or gets a retryable answer (HTTP 503 with Retry-After, LMTP 4xx); nothing
 * acknowledged is lost, nothing refused is half-stored, and the parked Ping is woken by the first change after the
 * restart.
 */
@AtollTest
@TestPropertySource(
        properties = {
            "atoll.data-dir=target/test-data-db-faults",
            "spring.datasource.hikari.connection-timeout=2000",
            "atoll.push.reconnect-delay=200ms"
        })
class DatabaseFaultsTest {

    private static final String PASSWORD = "correct horse battery";

    @LocalServerPort
    int port;

    @Autowired
    PostgresServer postgres;

    @Autowired
    HikariDataSource dataSource;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Accounts accounts;

    @Autowired
    Mailboxes mailboxes;

    @Autowired
    LmtpServer lmtp;

    @Autowired
    Waiters waiters;

    AccountView account;
    long inbox;
    List<Long> seeded;

    final List<String> violations = Collections.synchronizedList(new ArrayList<>());
    final Map<String, AtomicLong> successes = new ConcurrentHashMap<>();
    final Map<String, AtomicLong> retryable = new ConcurrentHashMap<>();
    final Set<String> acknowledged = ConcurrentHashMap.newKeySet();
    final AtomicInteger deliveries = new AtomicInteger();

    @BeforeEach
    void account() {
        account = TestAccounts.open(accounts, "db-faults");
        inbox = mailboxes.systemFolder(account.id(), SystemFolder.INBOX).id();
        seeded = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            seeded.add(mailboxes
                    .deliver(account.id(), inbox, Mime.message("seed-" + i), null)
                    .id());
        }
    }

    @Test
    void immediateRestartUnderLoadShouldLoseNothingAcknowledgedAndMissNoWakeUp() throws Exception {
        MailClient pinger = device("Parked");
        pinger.device().folderSync("0");
        pinger.syncFully(inbox, 50);
        CompletableFuture<WbxmlElement> ping = pinger.device().sendAsync("Ping", PingBodies.ping(600, inbox));
        Waiting.until("the Ping is parked", () -> waiters.parkedOf(account.id()) == 1);
        MailClient phone = device("Busy");
        phone.syncFully(inbox, 50);
        ApiClient api = ApiClient.basic(port, account.address(), PASSWORD);
        AtomicBoolean stop = new AtomicBoolean();
        ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor();
        List<Future<?>> actors = List.of(
                pool.submit(() -> loop(stop, "sync", () -> syncStep(phone))),
                pool.submit(() -> loop(stop, "lmtp", this::lmtpStep)),
                pool.submit(() -> loop(stop, "api", () -> apiStep(api))));
        Waiting.until("every actor succeeded before the fault", () -> each(successes, 2));

        postgres.crash();
        try {
            Waiting.until(
                    "every actor got a retryable answer, or another",
                    () -> each(retryable, 1) || !violations.isEmpty());
        } finally {
            postgres.startAgain();
        }
        Map<String, Long> before = snapshot(successes);
        Waiting.until(
                "every actor succeeded after the restart",
                () -> before.keySet().stream()
                        .allMatch(actor -> successes.get(actor).get() >= before.get(actor) + 2));
        stop.set(true);
        for (Future<?> actor : actors) {
            actor.get();
        }
        pool.shutdown();

        assertThat(violations).as("answers neither successful nor retryable").isEmpty();
        WbxmlElement woken = Waiting.result(ping);
        assertThat(woken.text("Status"))
                .as("the Ping parked across the restart")
                .hasValue("2");
        assertThat(PingBodies.changed(woken)).containsExactly(Long.toString(inbox));
        List<String> subjects = subjects();
        assertThat(subjects).as("nothing stored twice").doesNotHaveDuplicates();
        assertThat(subjects).as("every delivery LMTP acknowledged").containsAll(acknowledged);
        phone.syncFully(inbox, 50);
        assertThat(phone.items(inbox)).as("the device converges").isEqualTo(server());
        LoggerFactory.getLogger(DatabaseFaultsTest.class)
                .info("One immediate restart: successes {}, retryable answers {}", successes, retryable);
    }

    @Test
    void statementTimeoutShouldAnswerRetryablyAndWriteNothing() throws Exception {
        MailClient phone = device("Timeout");
        phone.syncFully(inbox, 50);
        ApiClient api = ApiClient.basic(port, account.address(), PASSWORD);
        long modseq = mailboxes.highestModseq(account.id());
        try (Connection admin = dataSource.getConnection();
                Connection holder = dataSource.getConnection()) {
            holder.setAutoCommit(false);
            try (Statement lock = holder.createStatement()) {
                lock.execute("SELECT 1 FROM mailbox WHERE account_id = " + account.id() + " FOR UPDATE");
            }
            settle(admin, "ALTER DATABASE atoll SET statement_timeout = '1s'");
            try {
                refusedWithoutWriting(phone, api, modseq);
            } finally {
                settle(admin, "ALTER DATABASE atoll RESET statement_timeout");
                holder.rollback();
            }
        }
        assertThat(phone.change(inbox, List.of(MailClient.markRead(inbox + ":" + seeded.getFirst(), true)))
                        .text("Status"))
                .as("the same request once the database answers again")
                .hasValue("1");
        assertThat(mailboxes.message(account.id(), seeded.getFirst()).read()).isTrue();
    }

    @Test
    void readOnlyDatabaseShouldAnswerRetryablyAndWriteNothing() throws Exception {
        MailClient phone = device("ReadOnly");
        phone.syncFully(inbox, 50);
        ApiClient api = ApiClient.basic(port, account.address(), PASSWORD);
        long modseq = mailboxes.highestModseq(account.id());
        try (Connection admin = dataSource.getConnection()) {
            settle(admin, "ALTER DATABASE atoll SET default_transaction_read_only = on");
            try {
                refusedWithoutWriting(phone, api, modseq);
            } finally {
                settle(admin, "ALTER DATABASE atoll RESET default_transaction_read_only");
            }
        }
        assertThat(phone.change(inbox, List.of(MailClient.markRead(inbox + ":" + seeded.getFirst(), true)))
                        .text("Status"))
                .hasValue("1");
    }

    @Test
    void connectionThatMetAReadOnlyDatabaseShouldBeReplaced() throws Exception {
        int session;
        try (Connection stale = dataSource.getConnection();
                Statement statement = stale.createStatement()) {
            statement.execute("SET SESSION default_transaction_read_only = on");
            try (var pid = statement.executeQuery("SELECT pg_backend_pid()")) {
                pid.next();
                session = pid.getInt(1);
            }
            assertThatThrownBy(() -> statement.execute("UPDATE message SET is_read = is_read WHERE account_id = 0"))
                    .isInstanceOf(java.sql.SQLException.class)
                    .extracting(e -> ((java.sql.SQLException) e).getSQLState())
                    .isEqualTo(ReadOnlyConnectionEviction.READ_ONLY_SQL_TRANSACTION);
        }
        Waiting.until(
                "the read-only session is closed",
                () -> jdbc.sql("SELECT count(*) FROM pg_stat_activity WHERE pid = ?")
                                .param(session)
                                .query(Long.class)
                                .single()
                        == 0);
    }

    /** A Sync with a change, a REST write and an LMTP delivery, each refused retryably, with nothing written. */
    private void refusedWithoutWriting(MailClient phone, ApiClient api, long modseq) throws Exception {
        long first = seeded.getFirst();
        HttpResponse<byte[]> sync =
                phone.device().post("Sync", new WbxmlEncoder().encode(syncChange(phone, first, true)));
        assertRetryable(
                "Sync",
                sync.statusCode(),
                sync.headers().firstValue("Retry-After").isPresent(),
                sync.body());
        ApiClient.Reply patch =
                api.unchecked("PATCH", "/api/v1/mailboxes/" + account.id() + "/messages/" + first, "{\"read\":true}");
        assertThat(patch.status()).as("REST write").isEqualTo(503);
        assertThat(patch.header("Retry-After")).isPresent();
        String reply = lmtpDeliver("refused-" + deliveries.incrementAndGet());
        assertThat(reply).as("LMTP").startsWith("4");

        assertThat(mailboxes.message(account.id(), first).read()).isFalse();
        assertThat(mailboxes.highestModseq(account.id())).isEqualTo(modseq);
        assertThat(subjects()).noneMatch(s -> s.startsWith("refused-"));
    }

    private void assertRetryable(String what, int status, boolean retryAfter, byte[] body) throws Exception {
        if (status == 200) {
            WbxmlElement response = new WbxmlDecoder().decode(body);
            assertThat(response.text("Status")).as(what + " Status").hasValue("16");
        } else {
            assertThat(status).as(what + " HTTP status").isEqualTo(503);
            assertThat(retryAfter).as(what + " Retry-After").isTrue();
        }
    }

    /**
     * Applies a database setting to new sessions and replaces the pool's connections, so it takes effect. A session
     * reads the setting when it starts: the pool must have finished opening connections (it refills after every
     * eviction) before the setting changes, or one opened meanwhile would join the pool with the old value.
     */
    private void settle(Connection admin, String sql) throws Exception {
        Waiting.until(
                "the pool has opened all its connections",
                () -> dataSource.getHikariPoolMXBean().getTotalConnections() == dataSource.getMaximumPoolSize());
        try (Statement statement = admin.createStatement()) {
            statement.execute(sql);
        }
        dataSource.getHikariPoolMXBean().softEvictConnections();
    }

    // ---- the actors of the restart

    private interface Step {
        void run() throws Exception;
    }

    private void loop(AtomicBoolean stop, String actor, Step step) {
        successes.putIfAbsent(actor, new AtomicLong());
        retryable.putIfAbsent(actor, new AtomicLong());
        while (!stop.get()) {
            try {
                step.run();
            } catch (Exception | AssertionError e) {
                violations.add(actor + ": " + e);
            }
        }
    }

    private void outcome(String actor, boolean ok, boolean retry, String what) {
        if (ok) {
            successes.get(actor).incrementAndGet();
        } else if (retry) {
            retryable.get(actor).incrementAndGet();
        } else {
            violations.add(actor + ": " + what);
        }
    }

    private void syncStep(MailClient phone) throws Exception {
        long message = seeded.get(ThreadLocalRandom.current().nextInt(seeded.size()));
        boolean read = ThreadLocalRandom.current().nextBoolean();
        HttpResponse<byte[]> response =
                phone.device().post("Sync", new WbxmlEncoder().encode(syncChange(phone, message, read)));
        if (response.statusCode() != 200) {
            outcome(
                    "sync",
                    false,
                    response.statusCode() == 503
                            && response.headers().firstValue("Retry-After").isPresent(),
                    "HTTP " + response.statusCode());
            return;
        }
        WbxmlElement body = new WbxmlDecoder().decode(response.body());
        if (body.text("Status").isPresent()) {
            outcome("sync", false, body.text("Status").get().equals("16"), "Sync Status " + body.text("Status"));
            return;
        }
        WbxmlElement collection = collection(body);
        outcome(
                "sync",
                collection.text("Status").equals(java.util.Optional.of("1")),
                false,
                "collection " + collection);
        phone.apply(inbox, collection);
        String serverId = inbox + ":" + message;
        MailClient.Item held = phone.items(inbox).get(serverId);
        if (held != null && collection.child("Responses").isEmpty()) {
            phone.items(inbox)
                    .put(serverId, new MailClient.Item(held.subject(), read, held.flagStatus(), held.categories()));
        }
    }

    private WbxmlElement syncChange(MailClient phone, long message, boolean read) {
        return WbxmlElement.of(MailClient.A, "Sync")
                .add(WbxmlElement.of(MailClient.A, "Collections")
                        .add(WbxmlElement.of(MailClient.A, "Collection")
                                .add("SyncKey", phone.key(inbox))
                                .add("CollectionId", Long.toString(inbox))
                                .add(WbxmlElement.of(MailClient.A, "Commands")
                                        .add(MailClient.markRead(inbox + ":" + message, read)))));
    }

    private void lmtpStep() throws Exception {
        String subject = "lmtp-" + deliveries.incrementAndGet();
        String reply = lmtpDeliver(subject);
        if (reply.startsWith("250")) {
            acknowledged.add(subject);
        }
        outcome("lmtp", reply.startsWith("250"), reply.startsWith("4"), reply);
    }

    private String lmtpDeliver(String subject) throws Exception {
        try (LmtpClient client = new LmtpClient(lmtp.port())) {
            client.reply();
            client.command("LHLO mta.example.org");
            client.command("MAIL FROM:<sender@example.org>");
            String rcpt = client.command("RCPT TO:<" + account.address() + ">");
            if (!rcpt.startsWith("250")) {
                return rcpt;
            }
            client.command("DATA");
            return client.data(
                            (new String(Mime.message(subject), StandardCharsets.UTF_8) + "\r\n.\r\n")
                                    .getBytes(StandardCharsets.UTF_8),
                            1)
                    .getFirst();
        }
    }

    private void apiStep(ApiClient api) {
        long message = seeded.get(ThreadLocalRandom.current().nextInt(seeded.size()));
        ApiClient.Reply reply = api.unchecked(
                "PATCH",
                "/api/v1/mailboxes/" + account.id() + "/messages/" + message,
                "{\"flagged\":" + ThreadLocalRandom.current().nextBoolean() + "}");
        outcome(
                "api",
                reply.status() == 200,
                reply.status() == 503 && reply.header("Retry-After").isPresent(),
                "HTTP " + reply.status() + " " + reply.text());
    }

    // ---- helpers

    private MailClient device(String id) throws Exception {
        return new MailClient(new EasDevice(port, account.address(), PASSWORD, id).provision());
    }

    private List<String> subjects() {
        return jdbc.sql("SELECT subject FROM message WHERE account_id = ?")
                .param(account.id())
                .query(String.class)
                .list();
    }

    private Map<String, MailClient.Item> server() {
        Map<String, MailClient.Item> items = new java.util.LinkedHashMap<>();
        for (MessageView m : mailboxes.messages(account.id(), inbox, 0, Mailboxes.MAX_PAGE)) {
            items.put(
                    inbox + ":" + m.id(),
                    new MailClient.Item(
                            m.subject() == null ? "" : m.subject(),
                            m.read(),
                            Integer.toString(m.flag().status().code()),
                            m.categories()));
        }
        return items;
    }

    private static boolean each(Map<String, AtomicLong> counts, long atLeast) {
        return counts.size() == 3 && counts.values().stream().allMatch(c -> c.get() >= atLeast);
    }

    private static Map<String, Long> snapshot(Map<String, AtomicLong> counts) {
        Map<String, Long> copy = new java.util.HashMap<>();
        counts.forEach((actor, count) -> copy.put(actor, count.get()));
        return copy;
    }
}
