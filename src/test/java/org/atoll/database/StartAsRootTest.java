package org.atoll.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;
import org.atoll.AtollApplication;
import org.atoll.account.Accounts;
import org.atoll.account.NewAccount;
import org.atoll.support.DataDirectories;
import org.atoll.support.TestAccounts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * PostgreSQL refuses to run as root, so a server started as root runs it as an unprivileged system user. Runs only
 * as root (CI's {@code .ci/run} does); as anyone else every other test already covers the embedded database. Each
 * test makes system users of its own and deletes them afterwards.
 */
class StartAsRootTest {

    private final List<String> systemUsers = new ArrayList<>();
    private Path root;
    private Path dataDir;
    private Path relocated;

    @BeforeEach
    void onlyAsRoot() throws IOException {
        assumeTrue(PostgresUser.isRoot(), "runs only as root");
        root = DataDirectories.create(Path.of("target"), "root-");
        dataDir = root;
    }

    @Test
    void asRootTheServerShouldRunPostgresqlAsTheSystemUserItCreatesAndKeepItsData() throws Exception {
        String systemUser = newSystemUserName();
        assertThat(uid(systemUser)).isEmpty();
        String address = TestAccounts.uniqueAddress("root");
        try (ConfigurableApplicationContext first = start(systemUser)) {
            first.getBean(Accounts.class).create(NewAccount.user(address, "correct horse battery"));
            assertThat(postmaster().info().user()).contains(systemUser);
        }
        assertThat(uid(systemUser)).isPresent();
        assertThat(owner(dataDir.resolve("postgresql")))
                .isEqualTo(uid(systemUser).orElseThrow());

        try (ConfigurableApplicationContext second = start(systemUser)) {
            assertThat(second.getBean(Accounts.class).findByAddress(address)).isPresent();
            assertThat(postmaster().info().user()).contains(systemUser);
        }
    }

    @Test
    void aDataDirectoryAnotherUserOwnsShouldBeHandedToTheSystemUser() throws Exception {
        Path pgData = dataDir.resolve("postgresql");
        String before = newSystemUserName();
        try (PostgresServer server = PostgresServer.start(pgData, Map.of(), false, before);
                Connection connection = DriverManager.getConnection(server.jdbcUrl("postgres"))) {
            connection.createStatement().execute("CREATE TABLE kept (value text)");
            connection.createStatement().execute("INSERT INTO kept VALUES ('handed over')");
        }
        String after = newSystemUserName();
        try (PostgresServer server = PostgresServer.start(pgData, Map.of(), false, after);
                Connection connection = DriverManager.getConnection(server.jdbcUrl("postgres"));
                var rows = connection.createStatement().executeQuery("SELECT value FROM kept")) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getString(1)).isEqualTo("handed over");
            assertThat(postmaster().info().user()).contains(after);
        }
        try (Stream<Path> files = Files.walk(pgData)) {
            int afterUid = uid(after).orElseThrow();
            assertThat(files).allSatisfy(file -> assertThat(owner(file)).isEqualTo(afterUid));
        }
    }

    /** A checkout in a closed home directory such as /root: the cluster lives under /var/lib, linked from it. */
    @Test
    void aDataDirectoryTheSystemUserCannotReachShouldBeLinkedToOneItCan() throws Exception {
        Path closed = root.resolve("home");
        Files.createDirectories(closed);
        Files.setPosixFilePermissions(closed, PosixFilePermissions.fromString("rwx------"));
        dataDir = closed.resolve("checkout/data");
        String systemUser = newSystemUserName();
        String address = TestAccounts.uniqueAddress("root-home");
        try (ConfigurableApplicationContext first = start(systemUser)) {
            first.getBean(Accounts.class).create(NewAccount.user(address, "correct horse battery"));
        }
        Path link = dataDir.resolve("postgresql");
        assertThat(link).isSymbolicLink();
        relocated = Files.readSymbolicLink(link);
        assertThat(relocated).startsWith(PostgresServer.RELOCATED);
        assertThat(owner(relocated)).isEqualTo(uid(systemUser).orElseThrow());
        assertThat(closed).isDirectory();
        assertThat(Files.getPosixFilePermissions(closed)).isEqualTo(PosixFilePermissions.fromString("rwx------"));

        try (ConfigurableApplicationContext second = start(systemUser)) {
            assertThat(second.getBean(Accounts.class).findByAddress(address)).isPresent();
            assertThat(postmaster().info().user()).contains(systemUser);
        }
    }

    @Test
    void aSystemUserNameThatIsNoUserNameShouldBeRefusedClearly() {
        assertThatThrownBy(() -> PostgresServer.start(dataDir.resolve("postgresql"), Map.of(), false, "--help"))
                .hasMessageContaining("atoll.database.system-user");
    }

    private ConfigurableApplicationContext start(String systemUser) {
        return new SpringApplicationBuilder(AtollApplication.class)
                .run(Stream.of(
                                "server.port=0",
                                "atoll.data-dir=" + dataDir.toAbsolutePath(),
                                "atoll.database.system-user=" + systemUser,
                                "atoll.admin.password=admin-test-password")
                        .map(setting -> "--" + setting)
                        .toArray(String[]::new));
    }

    private String newSystemUserName() {
        String name = "atoll-test-"
                + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
        systemUsers.add(name);
        return name;
    }

    private ProcessHandle postmaster() throws IOException {
        long pid = Long.parseLong(Files.readAllLines(dataDir.resolve("postgresql/postmaster.pid"))
                .getFirst()
                .strip());
        return ProcessHandle.of(pid).orElseThrow();
    }

    private static int owner(Path file) {
        try {
            return (Integer) Files.getAttribute(file, "unix:uid", LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Optional<Integer> uid(String user) throws IOException, InterruptedException {
        Process id =
                new ProcessBuilder("id", "-u", user).redirectErrorStream(true).start();
        String out = new String(id.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        return id.waitFor() == 0 ? Optional.of(Integer.parseInt(out)) : Optional.empty();
    }

    @AfterEach
    void deleteDataDirAndSystemUsers() throws Exception {
        if (relocated != null) {
            try (Stream<Path> files = Files.walk(relocated)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        if (root != null) {
            try (Stream<Path> files = Files.walk(root)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        for (String user : systemUsers) {
            new ProcessBuilder("userdel", user).inheritIO().start().waitFor();
        }
    }
}
