package org.atoll.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.atoll.account.AccountView;
import org.atoll.account.Accounts;
import org.atoll.account.DirectoryDetails;
import org.atoll.account.NewAccount;
import org.atoll.account.Role;
import org.atoll.account.SignIn;
import org.atoll.audit.AuditEntry;
import org.atoll.audit.AuditLog;
import org.atoll.audit.AuditQuery;
import org.atoll.device.Devices;
import org.atoll.device.WipeState;
import org.atoll.mailbox.Mailboxes;
import org.atoll.mailbox.SystemFolder;
import org.atoll.support.AtollTest;
import org.atoll.support.EasDevice;
import org.atoll.support.MailClient;
import org.atoll.support.Mime;
import org.atoll.support.TestAccounts;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import picocli.CommandLine;
import tools.jackson.databind.JsonNode;

/**
 * The admin commands run in this process against the test server's database, through the same services as the REST
 * API: what they change reaches devices over ActiveSync, lands in the audit trail, and comes back as JSON a script
 * can parse; failures end with the documented exit codes.
 */
@AtollTest
class AdminCommandsTest {

    private static final String PASSWORD = "correct horse battery";

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Autowired
    Accounts accounts;

    @Autowired
    Mailboxes mailboxes;

    @Autowired
    Devices devices;

    @Autowired
    AuditLog audit;

    @Autowired
    SignIn signIn;

    Cli cli;

    @BeforeEach
    void cli() {
        cli = new Cli(new Services() {
            @Override
            public <T> T get(Class<T> type) {
                return context.getBean(type);
            }
        });
    }

    List<String> auditActions(long accountId) {
        return audit.find(new AuditQuery(accountId, null, Cli.ACTOR.name(), null, null), 0, 100).items().stream()
                .map(AuditEntry::action)
                .toList();
    }

    @Nested
    class AccountCommands {

        @Test
        void accountCreatedByTheCliShouldSyncItsMailOverActiveSync() throws Exception {
            String address = TestAccounts.uniqueAddress("cli-created");

            Cli.Run created =
                    cli.withInput(PASSWORD + "\n", "account", "create", address, "--password-stdin", "--json");

            assertThat(created.exitCode()).as(created.err()).isZero();
            JsonNode json = created.json();
            assertThat(json.get("address").asString()).isEqualTo(address);
            assertThat(json.get("role").asString()).isEqualTo("USER");
            assertThat(json.get("enabled").asBoolean()).isTrue();
            long id = json.get("id").asLong();
            assertThat(auditActions(id)).containsExactly("account.created");

            long inbox = mailboxes.systemFolder(id, SystemFolder.INBOX).id();
            mailboxes.deliver(id, inbox, Mime.message("Welcome aboard"), null);
            MailClient phone = new MailClient(new EasDevice(port, address, PASSWORD, "CliPhone").provision());
            assertThat(phone.device().folderSync("0").text("Status")).hasValue("1");
            phone.syncFully(inbox, 10);
            assertThat(phone.items(inbox).values())
                    .extracting(MailClient.Item::subject)
                    .containsExactly("Welcome aboard");
        }

        @Test
        void createShouldTakeItsSettingsAndThePasswordFromAFile(@TempDir Path dir) throws Exception {
            String address = TestAccounts.uniqueAddress("cli-admin");
            Path secret = dir.resolve("password");
            Files.writeString(secret, PASSWORD + "\r\nignored second line\n");

            Cli.Run created = cli.run(
                    "account",
                    "create",
                    address,
                    "--password-file",
                    secret.toString(),
                    "--admin",
                    "--display-name",
                    "Ops Person",
                    "--quota",
                    "5MB");

            assertThat(created.exitCode()).as(created.err()).isZero();
            assertThat(created.out()).contains("Created " + address);
            AccountView account = accounts.findByAddress(address).orElseThrow();
            assertThat(account.role()).isEqualTo(Role.ADMIN);
            assertThat(account.displayName()).isEqualTo("Ops Person");
            assertThat(account.quotaBytes()).isEqualTo(5L * 1024 * 1024);
            assertThat(signIn.signIn(address, PASSWORD, "192.0.2.1")).isInstanceOf(SignIn.Accepted.class);
        }

        @Test
        void listShouldPrintJsonAScriptCanParse() {
            String tag = "cli-list-" + UUID.randomUUID().toString().substring(0, 8);
            accounts.create(NewAccount.user("b-" + tag + "@atoll.test", PASSWORD));
            accounts.create(NewAccount.user("a-" + tag + "@atoll.test", PASSWORD));

            Cli.Run listed = cli.run("account", "list", "--query", tag, "--json");

            assertThat(listed.exitCode()).as(listed.err()).isZero();
            List<String> addresses = new ArrayList<>();
            listed.json()
                    .forEach(account -> addresses.add(account.get("address").asString()));
            assertThat(addresses).containsExactly("a-" + tag + "@atoll.test", "b-" + tag + "@atoll.test");
            Cli.Run text = cli.run("account", "list", "-q", tag);
            assertThat(text.out().lines()).hasSize(3).first().asString().startsWith("ID");
        }

        @Test
        void disableShouldRefuseSignInAndEnableShouldAllowItAgainEachAudited() {
            AccountView account = TestAccounts.open(accounts, "cli-disable");

            Cli.Run disabled = cli.run("account", "disable", account.address(), "--json");

            assertThat(disabled.exitCode()).as(disabled.err()).isZero();
            assertThat(disabled.json().get("enabled").asBoolean()).isFalse();
            assertThat(signIn.signIn(account.address(), PASSWORD, "192.0.2.2")).isInstanceOf(SignIn.Disabled.class);

            Cli.Run enabled = cli.run("account", "enable", Long.toString(account.id()));

            assertThat(enabled.exitCode()).as(enabled.err()).isZero();
            assertThat(signIn.signIn(account.address(), PASSWORD, "192.0.2.2")).isInstanceOf(SignIn.Accepted.class);
            assertThat(audit.find(new AuditQuery(account.id(), null, Cli.ACTOR.name(), null, null), 0, 10)
                            .items())
                    .extracting(AuditEntry::detail)
                    .containsExactlyInAnyOrder("disabled", "enabled");
        }

        @Test
        void directoryShouldSetTheDetailsGivenKeepTheOthersAndRemoveAnEmptyOne() {
            AccountView account = TestAccounts.open(accounts, "cli-directory");

            Cli.Run set = cli.run(
                    "account", "directory", account.address(), "--company", "Atoll Shipping", "--phone", "+1 555 0100");
            Cli.Run more =
                    cli.run("account", "directory", account.address(), "--phone", "", "--title", "Pilot", "--json");
            Cli.Run control = cli.run("account", "directory", account.address(), "--office", "Pier\u00072");

            assertThat(set.exitCode()).as(set.err()).isZero();
            assertThat(more.exitCode()).as(more.err()).isZero();
            assertThat(more.json().get("directoryDetails").get("title").asString())
                    .isEqualTo("Pilot");
            assertThat(control.exitCode()).isEqualTo(ExitCodes.REFUSED);
            DirectoryDetails details = accounts.find(account.id()).orElseThrow().details();
            assertThat(details.company()).isEqualTo("Atoll Shipping");
            assertThat(details.title()).isEqualTo("Pilot");
            assertThat(details.phone()).isNull();
            assertThat(details.office()).isNull();
            assertThat(audit.find(new AuditQuery(account.id(), null, Cli.ACTOR.name(), null, null), 0, 10)
                            .items())
                    .extracting(AuditEntry::detail)
                    .containsExactlyInAnyOrder(
                            "directory details: company, office phone", "directory details: job title, office phone");
        }

        @Test
        void passwordResetShouldReplaceThePassword() {
            AccountView account = TestAccounts.open(accounts, "cli-reset");

            Cli.Run reset = cli.withInput(
                    "a brand new secret\n", "account", "password-reset", account.address(), "--password-stdin");

            assertThat(reset.exitCode()).as(reset.err()).isZero();
            assertThat(signIn.signIn(account.address(), "a brand new secret", "192.0.2.3"))
                    .isInstanceOf(SignIn.Accepted.class);
            assertThat(signIn.signIn(account.address(), PASSWORD, "192.0.2.3")).isInstanceOf(SignIn.Refused.class);
            assertThat(auditActions(account.id())).containsExactly("account.updated");
        }

        @Test
        void anUnknownAccountShouldExitWithNotFound() {
            Cli.Run run = cli.run("account", "disable", "nobody-" + UUID.randomUUID() + "@atoll.test");

            assertThat(run.exitCode()).isEqualTo(ExitCodes.NOT_FOUND);
            assertThat(run.err()).contains("atoll account disable:").contains("nobody-");
            assertThat(run.out()).isEmpty();
        }

        @Test
        void aRefusalShouldExitWithRefusedAndChangeNothing() {
            AccountView taken = TestAccounts.open(accounts, "cli-taken");
            String fresh = TestAccounts.uniqueAddress("cli-short");

            Cli.Run twice = cli.withInput(PASSWORD + "\n", "account", "create", taken.address(), "--password-stdin");
            Cli.Run shortPassword = cli.withInput("short\n", "account", "create", fresh, "--password-stdin");

            assertThat(twice.exitCode()).isEqualTo(ExitCodes.REFUSED);
            assertThat(shortPassword.exitCode()).isEqualTo(ExitCodes.REFUSED);
            assertThat(shortPassword.err()).contains("at least 8 characters");
            assertThat(accounts.findByAddress(fresh)).isEmpty();
        }

        @Test
        void aPasswordShouldNeverComeFromAnArgumentNorFromNowhere() {
            String address = TestAccounts.uniqueAddress("cli-nopass");

            Cli.Run asArgument = cli.run("account", "create", address, "--password", PASSWORD);
            Cli.Run noTerminal = cli.run("account", "create", address);
            Cli.Run both = cli.withInput(
                    PASSWORD + "\n", "account", "create", address, "--password-stdin", "--password-file", "x");
            Cli.Run emptyInput = cli.run("account", "create", address, "--password-stdin");

            assertThat(List.of(asArgument, noTerminal, both, emptyInput))
                    .extracting(Cli.Run::exitCode)
                    .containsOnly(ExitCodes.USAGE);
            assertThat(noTerminal.err()).contains("--password-stdin or --password-file");
            assertThat(accounts.findByAddress(address)).isEmpty();
        }

        @Test
        void atATerminalThePasswordShouldBeAskedTwiceAndMustMatch() {
            String address = TestAccounts.uniqueAddress("cli-asked");

            Cli.Run differ = cli.answering(List.of(PASSWORD, PASSWORD + "!"), "account", "create", address);

            assertThat(differ.exitCode()).isEqualTo(ExitCodes.FAILURE);
            assertThat(differ.err()).contains("differ");
            assertThat(accounts.findByAddress(address)).isEmpty();

            Cli.Run created = cli.answering(List.of(PASSWORD, PASSWORD), "account", "create", address);

            assertThat(created.exitCode()).as(created.err()).isZero();
            assertThat(signIn.signIn(address, PASSWORD, "192.0.2.4")).isInstanceOf(SignIn.Accepted.class);
        }

        @Test
        void anUnknownPolicyShouldExitWithNotFoundAndOpenNoAccount() {
            String address = TestAccounts.uniqueAddress("cli-policy");

            Cli.Run run = cli.withInput(
                    PASSWORD + "\n", "account", "create", address, "--password-stdin", "--policy", "No such policy");

            assertThat(run.exitCode()).isEqualTo(ExitCodes.NOT_FOUND);
            assertThat(accounts.findByAddress(address)).isEmpty();
        }
    }

    @Nested
    class DeviceCommands {

        AccountView account;
        EasDevice phone;
        long devicePk;

        @BeforeEach
        void device() throws Exception {
            account = TestAccounts.open(accounts, "cli-device");
            phone = new EasDevice(port, account.address(), PASSWORD, "CliDevice").provision();
            devicePk = devices.find(account.id(), "CliDevice").orElseThrow().id();
        }

        @Test
        void listShouldShowTheAccountsDevicesAsJson() {
            Cli.Run listed = cli.run("device", "list", "--account", account.address(), "--json");

            assertThat(listed.exitCode()).as(listed.err()).isZero();
            JsonNode devices = listed.json();
            assertThat(devices.size()).isEqualTo(1);
            assertThat(devices.get(0).get("id").asLong()).isEqualTo(devicePk);
            assertThat(devices.get(0).get("deviceId").asString()).isEqualTo("CliDevice");
            assertThat(devices.get(0).get("account").asString()).isEqualTo(account.address());
            assertThat(devices.get(0).get("access").get("state").asString()).isEqualTo("ALLOWED");
            assertThat(devices.get(0).get("wipe").get("state").asString()).isEqualTo("NONE");
        }

        /** MS-ASCMD 2.2.2: a blocked device gets Status 129 until it is allowed again. */
        @Test
        void blockShouldRefuseTheDeviceWithStatus129AndAllowShouldLetItBack() throws Exception {
            Cli.Run blocked = cli.run("device", "block", Long.toString(devicePk), "--json");

            assertThat(blocked.exitCode()).as(blocked.err()).isZero();
            assertThat(blocked.json().get("access").get("state").asString()).isEqualTo("BLOCKED");
            assertThat(phone.folderSync("0").text("Status")).hasValue("129");

            Cli.Run allowed = cli.run("device", "allow", Long.toString(devicePk));

            assertThat(allowed.exitCode()).as(allowed.err()).isZero();
            assertThat(allowed.out()).startsWith("Allowed device " + devicePk);
            assertThat(phone.folderSync("0").text("Status")).hasValue("1");
            assertThat(auditActions(account.id()))
                    .containsExactlyInAnyOrder("device.access.blocked", "device.access.allowed");
        }

        @Test
        void wipeShouldNeedYesWithoutATerminal() {
            Cli.Run unconfirmed = cli.run("device", "wipe", Long.toString(devicePk));

            assertThat(unconfirmed.exitCode()).isEqualTo(ExitCodes.USAGE);
            assertThat(unconfirmed.err()).contains("--yes");
            assertThat(devices.detail(devicePk).wipeState()).isEqualTo(WipeState.NONE);

            Cli.Run wiped = cli.run("device", "wipe", Long.toString(devicePk), "--yes", "--json");

            assertThat(wiped.exitCode()).as(wiped.err()).isZero();
            assertThat(wiped.json().get("wipe").get("state").asString()).isEqualTo("PENDING");
            assertThat(wiped.json().get("wipe").get("requestedBy").asString()).isEqualTo(Cli.ACTOR.name());
            assertThat(devices.detail(devicePk).wipeByAdministrator()).isTrue();
        }

        @Test
        void atATerminalWipeShouldAskAndOnlyYesShouldWipe() {
            Cli.Run declined = cli.answering(List.of("no"), "device", "wipe", Long.toString(devicePk));

            assertThat(declined.exitCode()).isEqualTo(ExitCodes.FAILURE);
            assertThat(declined.err()).contains("Not wiped");
            assertThat(devices.detail(devicePk).wipeState()).isEqualTo(WipeState.NONE);

            Cli.Run confirmed = cli.answering(List.of("yes"), "device", "wipe", Long.toString(devicePk));

            assertThat(confirmed.exitCode()).as(confirmed.err()).isZero();
            assertThat(devices.detail(devicePk).wipeState()).isEqualTo(WipeState.PENDING);
        }

        @Test
        void removeShouldDropThePartnership() {
            Cli.Run removed = cli.run("device", "remove", Long.toString(devicePk), "--json");

            assertThat(removed.exitCode()).as(removed.err()).isZero();
            assertThat(removed.json().get("removed").asBoolean()).isTrue();
            assertThat(devices.find(account.id(), "CliDevice")).isEmpty();
            assertThat(cli.run("device", "remove", Long.toString(devicePk)).exitCode())
                    .isEqualTo(ExitCodes.NOT_FOUND);
        }

        @Test
        void anUnknownDeviceOrStateShouldBeReported() {
            assertThat(cli.run("device", "block", "987654321").exitCode()).isEqualTo(ExitCodes.NOT_FOUND);
            assertThat(cli.run("device", "block", "not-a-number").exitCode()).isEqualTo(ExitCodes.USAGE);
            assertThat(cli.run("device", "list", "--access", "sideways").exitCode())
                    .isEqualTo(ExitCodes.USAGE);
            Cli.Run blocked = cli.run("device", "list", "--account", account.address(), "--access", "blocked");
            assertThat(blocked.exitCode()).isZero();
            assertThat(blocked.out().lines()).hasSize(1);
        }
    }

    @Test
    void dbStatusShouldListEveryMigrationAppliedAndExitZero() {
        int migrations = context.getBean(Flyway.class).info().applied().length;

        Cli.Run status = cli.run("db", "status", "--json");

        assertThat(status.exitCode()).as(status.err()).isZero();
        JsonNode json = status.json();
        assertThat(json.get("pending").asInt()).isZero();
        assertThat(json.get("applied").asInt()).isEqualTo(migrations).isPositive();
        assertThat(json.get("database").asString())
                .startsWith("jdbc:postgresql://")
                .doesNotContain("?");
        assertThat(json.get("migrations").get(0).get("state").asString()).isEqualTo("SUCCESS");
    }

    @Test
    void usageErrorsShouldExitWithTwo() {
        assertThat(cli.run("frobnicate").exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(cli.run("account").exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(cli.run("account", "list", "--no-such-option").exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(cli.run("account", "create").exitCode()).isEqualTo(ExitCodes.USAGE);
    }

    /** Every command of the tree answers --help with its usage and exit code 0, without touching the database. */
    @Test
    void everyCommandShouldAnswerHelp() {
        Services none = new Services() {
            @Override
            public <T> T get(Class<T> type) {
                throw new AssertionError("--help needs no " + type.getSimpleName());
            }
        };
        Cli offline = new Cli(none);
        List<List<String>> paths = new ArrayList<>();
        walk(
                AtollCommandLine.commandLine(
                        new Environment(none, Terminal.script(InputStream.nullInputStream()), Cli.ACTOR)),
                new ArrayList<>(),
                paths);

        assertThat(paths)
                .extracting(path -> String.join(" ", path))
                .contains(
                        "",
                        "serve",
                        "account create",
                        "account disable",
                        "account enable",
                        "account password-reset",
                        "account list",
                        "device list",
                        "device block",
                        "device allow",
                        "device wipe",
                        "device remove",
                        "db status",
                        "db migrate");
        for (List<String> path : paths) {
            List<String> args = new ArrayList<>(path);
            args.add("--help");
            Cli.Run help = offline.run(args.toArray(String[]::new));
            assertThat(help.exitCode()).as("%s --help", path).isZero();
            assertThat(help.out())
                    .as("%s --help", path)
                    .startsWith("Usage: " + String.join(" ", prepend("atoll", path)));
        }
    }

    private static void walk(CommandLine command, List<String> path, List<List<String>> paths) {
        if (command.getCommandName().equals("help")) {
            return;
        }
        paths.add(path);
        for (Map.Entry<String, CommandLine> sub : command.getSubcommands().entrySet()) {
            List<String> longer = new ArrayList<>(path);
            longer.add(sub.getKey());
            walk(sub.getValue(), longer, paths);
        }
    }

    private static List<String> prepend(String first, List<String> rest) {
        List<String> all = new ArrayList<>();
        all.add(first);
        all.addAll(rest);
        return all;
    }
}
