package org.atoll.database;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.atoll.AtollApplication;
import org.atoll.account.AccountView;
import org.atoll.account.Accounts;
import org.atoll.account.NewAccount;
import org.atoll.mailbox.Calendars;
import org.atoll.mailbox.Contacts;
import org.atoll.mailbox.Mailboxes;
import org.atoll.mailbox.MessageView;
import org.atoll.mailbox.NoteView;
import org.atoll.mailbox.Notes;
import org.atoll.mailbox.SystemFolder;
import org.atoll.mailbox.Tasks;
import org.atoll.support.DataDirectories;
import org.atoll.support.Mime;
import org.atoll.support.TestAccounts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** The embedded PostgreSQL keeps every acknowledged write across a restart of the server. */
class RestartDurabilityTest {

    Path dataDir;

    ConfigurableApplicationContext start() throws IOException {
        if (dataDir == null) {
            dataDir = DataDirectories.create(Path.of("target"), "restart-");
        }
        return new SpringApplicationBuilder(AtollApplication.class)
                .run(Stream.of(
                                "server.port=0",
                                "atoll.data-dir=" + dataDir.toAbsolutePath(),
                                "atoll.admin.email=root@restart.test",
                                "atoll.admin.password=admin-test-password",
                                "atoll.demo.enabled=true",
                                "atoll.domain=restart.test")
                        .map(setting -> "--" + setting)
                        .toArray(String[]::new));
    }

    @Test
    void everyAcknowledgedWriteShouldSurviveARestart() throws IOException {
        String address = TestAccounts.uniqueAddress("durable");
        List<MessageView> acknowledged = new ArrayList<>();
        try (ConfigurableApplicationContext first = start()) {
            Accounts accounts = first.getBean(Accounts.class);
            Mailboxes mailboxes = first.getBean(Mailboxes.class);
            AccountView account = accounts.create(org.atoll.account.NewAccount.user(address, "correct horse battery"));
            long inbox =
                    mailboxes.systemFolder(account.id(), SystemFolder.INBOX).id();
            for (int i = 0; i < 20; i++) {
                acknowledged.add(mailboxes.deliver(account.id(), inbox, Mime.message("durable " + i), null));
            }
            mailboxes.setRead(account.id(), List.of(acknowledged.getFirst().id()), true);
        }

        try (ConfigurableApplicationContext second = start()) {
            Accounts accounts = second.getBean(Accounts.class);
            Mailboxes mailboxes = second.getBean(Mailboxes.class);
            AccountView account = accounts.findByAddress(address).orElseThrow();
            long inbox =
                    mailboxes.systemFolder(account.id(), SystemFolder.INBOX).id();

            assertThat(mailboxes.messages(account.id(), inbox, 0, 100))
                    .extracting(MessageView::id)
                    .containsExactlyInAnyOrderElementsOf(
                            acknowledged.stream().map(MessageView::id).toList());
            assertThat(mailboxes
                            .message(account.id(), acknowledged.getFirst().id())
                            .read())
                    .isTrue();
            assertThat(accounts.findByAddress("root@restart.test")).isPresent();
            AccountView demo = accounts.findByAddress("demo@restart.test").orElseThrow();
            long demoMessages = mailboxes.folders(demo.id()).stream()
                    .mapToLong(f -> mailboxes.count(demo.id(), f.id()))
                    .sum();
            assertThat(demoMessages)
                    .as("the demo mailbox and three invitations")
                    .isEqualTo(303);
            assertThat(demo.details().company())
                    .as("the demo user's directory entry")
                    .isEqualTo("Harbor Works Ltd.");
            assertThat(second.getBean(Notes.class).page(demo.id(), null, 0, 50).items())
                    .extracting(NoteView::subject)
                    .hasSize(5)
                    .contains("Groceries");
            assertThat(second.getBean(Contacts.class).count(demo.id(), null))
                    .as("the demo user's contacts")
                    .isEqualTo(50);
            assertThat(second.getBean(Tasks.class).count(demo.id(), null))
                    .as("the demo user's tasks")
                    .isEqualTo(15);
            assertThat(second.getBean(Calendars.class).count(demo.id(), null))
                    .as("the demo user's calendar events and the three meetings invited to, tentative")
                    .isEqualTo(11);
        }
    }

    @Test
    void serverLeftRunningByAKilledNodeShouldBeStoppedAndItsDataKept() throws Exception {
        dataDir = DataDirectories.create(Path.of("target"), "orphan-");
        String address = TestAccounts.uniqueAddress("survivor");
        try (ConfigurableApplicationContext first = start()) {
            first.getBean(Accounts.class).create(NewAccount.user(address, "correct horse battery"));
        }
        Process killed = new ProcessBuilder(
                        ProcessHandle.current().info().command().orElse("java"),
                        "-cp",
                        System.getProperty("java.class.path"),
                        KilledNode.class.getName(),
                        dataDir.resolve("postgresql").toString())
                .inheritIO()
                .start();
        assertThat(killed.waitFor()).isZero();
        long orphanPid = Long.parseLong(Files.readAllLines(dataDir.resolve("postgresql/postmaster.pid"))
                .getFirst()
                .strip());
        assertThat(ProcessHandle.of(orphanPid).map(ProcessHandle::isAlive)).contains(true);
        try (ConfigurableApplicationContext second = start()) {
            assertThat(ProcessHandle.of(orphanPid).map(ProcessHandle::isAlive)).isNotEqualTo(Optional.of(true));
            assertThat(second.getBean(Accounts.class).findByAddress(address)).isPresent();
        } finally {
            ProcessHandle.of(orphanPid).ifPresent(ProcessHandle::destroyForcibly);
        }
    }

    @AfterEach
    void deleteDataDir() throws IOException {
        if (dataDir != null) {
            try (Stream<Path> files = Files.walk(dataDir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
