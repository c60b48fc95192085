package org.atoll.cli;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.atoll.account.AccountNotFound;
import org.atoll.account.AccountUpdate;
import org.atoll.account.AccountView;
import org.atoll.account.Accounts;
import org.atoll.account.DirectoryDetails;
import org.atoll.account.NewAccount;
import org.atoll.account.Role;
import org.atoll.device.MobilePolicies;
import org.atoll.shared.PageOf;
import org.jspecify.annotations.Nullable;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.unit.DataSize;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code atoll account ...}: open, disable, enable and list accounts, reset their passwords and set what the directory
 * shows of them.
 */
@Command(
        name = "account",
        mixinStandardHelpOptions = true,
        description = "Open, disable, enable and list accounts, reset passwords, set directory details.",
        subcommands = {
            AccountCommands.Create.class,
            AccountCommands.Disable.class,
            AccountCommands.Enable.class,
            AccountCommands.PasswordReset.class,
            AccountCommands.SetDirectoryDetails.class,
            AccountCommands.ListAccounts.class
        })
final class AccountCommands implements Runnable {

    private static final String ACCOUNT = "The account: its address, or its id as `account list` shows it.";

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "Name what to do with accounts");
    }

    /**
     * An account as the commands print it.
     *
     * @param quotaBytes the mailbox size limit, null when the server's default applies
     */
    record AccountJson(
            long id,
            String address,
            String displayName,
            Role role,
            boolean enabled,
            boolean easEnabled,
            @Nullable Long quotaBytes,
            Instant createdAt,
            DirectoryDetails directoryDetails) {

        static AccountJson of(AccountView account) {
            return new AccountJson(
                    account.id(),
                    account.address(),
                    account.displayName(),
                    account.role(),
                    account.enabled(),
                    account.easEnabled(),
                    account.quotaBytes(),
                    account.createdAt(),
                    account.details());
        }
    }

    /** The account an argument names: an address, or an id. */
    static AccountView find(Accounts accounts, String reference) {
        String value = reference.strip();
        if (value.contains("@")) {
            return accounts.findByAddress(value).orElseThrow(() -> new AccountNotFound("with address " + value));
        }
        try {
            long id = Long.parseLong(value);
            return accounts.find(id).orElseThrow(() -> new AccountNotFound("with id " + id));
        } catch (NumberFormatException e) {
            throw new AccountNotFound("named " + value + " (give an address or an id)");
        }
    }

    private static void print(StoreCommand command, AccountView account, String what) {
        if (command.json()) {
            Output.json(command.out(), AccountJson.of(account));
        } else {
            command.out().println(what + " " + account.address() + " (id " + account.id() + ")");
            command.out().flush();
        }
    }

    @Command(
            name = "create",
            mixinStandardHelpOptions = true,
            description = {
                "Open an account with its mailbox.",
                "The password is asked for twice on the terminal, or read from standard input or a file; never"
                        + " from an argument."
            })
    static final class Create extends StoreCommand {

        @Parameters(paramLabel = "ADDRESS", description = "The sign-in and mail address, e.g. ana@example.org.")
        String address;

        @Option(
                names = "--display-name",
                paramLabel = "NAME",
                description = "Shown to other people; the address's local part by default.")
        @Nullable
        String displayName;

        @Option(names = "--admin", description = "Make it an administrator.")
        boolean admin;

        @Option(
                names = "--quota",
                paramLabel = "SIZE",
                description = "The mailbox size limit, e.g. 5GB or 500MB; the server's default without it.")
        @Nullable
        String quota;

        @Option(
                names = "--policy",
                paramLabel = "NAME",
                description = "Assign the mobile policy of this name; the default policy without it.")
        @Nullable
        String policy;

        @ArgGroup(exclusive = true)
        Passwords.@Nullable Source password;

        Create(Environment env) {
            super(env);
        }

        @Override
        int run() throws Exception {
            Long quotaBytes = quota == null ? null : quotaBytes(quota);
            String secret = Passwords.read(password, env.terminal());
            Accounts accounts = service(Accounts.class);
            MobilePolicies policies = service(MobilePolicies.class);
            Long policyId = policy == null ? null : policyId(policies, policy);
            AccountView created = service(TransactionTemplate.class).execute(status -> {
                AccountView account = accounts.create(
                        new NewAccount(address, displayName, secret, admin ? Role.ADMIN : Role.USER, quotaBytes),
                        env.actor());
                if (policyId != null) {
                    policies.assign(account.id(), policyId, env.actor());
                }
                return account;
            });
            print(this, created, "Created");
            return ExitCodes.OK;
        }

        private long quotaBytes(String size) {
            try {
                return DataSize.parse(size.strip()).toBytes();
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), "--quota takes a size such as 5GB, not " + size);
            }
        }

        private static long policyId(MobilePolicies policies, String name) {
            return policies.list().stream()
                    .filter(view -> view.policy().name().equalsIgnoreCase(name.strip()))
                    .map(view -> view.policy().id())
                    .findFirst()
                    .orElseThrow(() -> new CommandFailed(ExitCodes.NOT_FOUND, "No mobile policy is named " + name));
        }
    }

    /** Disable and enable: the account's setting changes, everything else stays, and the audit trail says who. */
    abstract static class SetEnabled extends StoreCommand {

        @Parameters(paramLabel = "ACCOUNT", description = ACCOUNT)
        String account;

        SetEnabled(Environment env) {
            super(env);
        }

        abstract boolean enabled();

        @Override
        int run() {
            Accounts accounts = service(Accounts.class);
            AccountView found = find(accounts, account);
            AccountView changed = accounts.update(
                    found.id(),
                    new AccountUpdate(
                            found.displayName(), found.role(), enabled(), found.easEnabled(), found.quotaBytes()),
                    env.actor());
            print(this, changed, enabled() ? "Enabled" : "Disabled");
            return ExitCodes.OK;
        }
    }

    @Command(
            name = "disable",
            mixinStandardHelpOptions = true,
            description = {
                "Disable an account: it can no longer sign in, and its devices stop syncing.",
                "Its mail, devices and settings stay; the last enabled administrator cannot be disabled."
            })
    static final class Disable extends SetEnabled {

        Disable(Environment env) {
            super(env);
        }

        @Override
        boolean enabled() {
            return false;
        }
    }

    @Command(name = "enable", mixinStandardHelpOptions = true, description = "Enable a disabled account again.")
    static final class Enable extends SetEnabled {

        Enable(Environment env) {
            super(env);
        }

        @Override
        boolean enabled() {
            return true;
        }
    }

    @Command(
            name = "password-reset",
            mixinStandardHelpOptions = true,
            description = {
                "Set a new password on an account, which revokes its API tokens.",
                "The password is asked for twice on the terminal, or read from standard input or a file."
            })
    static final class PasswordReset extends StoreCommand {

        @Parameters(paramLabel = "ACCOUNT", description = ACCOUNT)
        String account;

        @ArgGroup(exclusive = true)
        Passwords.@Nullable Source password;

        PasswordReset(Environment env) {
            super(env);
        }

        @Override
        int run() throws Exception {
            Accounts accounts = service(Accounts.class);
            AccountView found = find(accounts, account);
            accounts.resetPassword(found.id(), Passwords.read(password, env.terminal()), env.actor());
            print(this, found, "New password set, API tokens revoked, for");
            return ExitCodes.OK;
        }
    }

    @Command(
            name = "directory",
            mixinStandardHelpOptions = true,
            description = {
                "Set what the directory (GAL) shows of an account besides name and address.",
                "A detail not given stays as it is; an empty one (\"\") is removed. Audited like every account change."
            })
    static final class SetDirectoryDetails extends StoreCommand {

        @Parameters(paramLabel = "ACCOUNT", description = ACCOUNT)
        String account;

        @Option(names = "--first-name", paramLabel = "TEXT", description = "At most 64 characters.")
        @Nullable
        String firstName;

        @Option(names = "--last-name", paramLabel = "TEXT", description = "At most 64 characters.")
        @Nullable
        String lastName;

        @Option(names = "--company", paramLabel = "TEXT", description = "At most 128 characters.")
        @Nullable
        String company;

        @Option(names = "--title", paramLabel = "TEXT", description = "The job title, at most 128 characters.")
        @Nullable
        String title;

        @Option(names = "--office", paramLabel = "TEXT", description = "The office location, at most 128 characters.")
        @Nullable
        String office;

        @Option(names = "--phone", paramLabel = "NUMBER", description = "The office phone, at most 32 characters.")
        @Nullable
        String phone;

        @Option(names = "--mobile-phone", paramLabel = "NUMBER", description = "At most 32 characters.")
        @Nullable
        String mobilePhone;

        SetDirectoryDetails(Environment env) {
            super(env);
        }

        @Override
        int run() {
            Accounts accounts = service(Accounts.class);
            AccountView found = find(accounts, account);
            DirectoryDetails now = found.details();
            AccountView changed = accounts.setDirectoryDetails(
                    found.id(),
                    DirectoryDetails.of(
                            firstName == null ? now.firstName() : firstName,
                            lastName == null ? now.lastName() : lastName,
                            company == null ? now.company() : company,
                            title == null ? now.title() : title,
                            office == null ? now.office() : office,
                            phone == null ? now.phone() : phone,
                            mobilePhone == null ? now.mobilePhone() : mobilePhone),
                    env.actor());
            print(this, changed, "Directory details set for");
            return ExitCodes.OK;
        }
    }

    @Command(
            name = "list",
            mixinStandardHelpOptions = true,
            description = "List accounts in address order, all of them or those matching --query.")
    static final class ListAccounts extends StoreCommand {

        @Option(
                names = {"-q", "--query"},
                paramLabel = "TEXT",
                description = "Only accounts whose address or display name contains TEXT (any case).")
        @Nullable
        String query;

        ListAccounts(Environment env) {
            super(env);
        }

        @Override
        int run() {
            Accounts accounts = service(Accounts.class);
            List<AccountView> all = new ArrayList<>();
            for (int page = 0; ; page++) {
                PageOf<AccountView> found = accounts.list(query, page, Accounts.MAX_PAGE_SIZE);
                all.addAll(found.items());
                if (found.items().size() < Accounts.MAX_PAGE_SIZE) {
                    break;
                }
            }
            if (json()) {
                Output.json(out(), all.stream().map(AccountJson::of).toList());
                return ExitCodes.OK;
            }
            Output.table(
                    out(),
                    List.of("ID", "ADDRESS", "ROLE", "ENABLED", "ACTIVESYNC", "NAME"),
                    all.stream()
                            .map(a -> List.of(
                                    Long.toString(a.id()),
                                    a.address(),
                                    a.role().name(),
                                    a.enabled() ? "yes" : "no",
                                    a.easEnabled() ? "yes" : "no",
                                    a.displayName()))
                            .toList());
            return ExitCodes.OK;
        }
    }
}
