package org.atoll.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.atoll.account.AccountView;
import org.atoll.account.Accounts;
import org.atoll.transfer.ImapSecurity;
import org.atoll.transfer.ImportProgress;
import org.atoll.transfer.ImportSource;
import org.atoll.transfer.ImportState;
import org.atoll.transfer.MailboxImports;
import org.atoll.transfer.MboxFormat;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code atoll import ...}: mail into an account's mailbox from an IMAP server, an mbox file, a Maildir tree or a ZIP
 * as an export writes it, through {@link MailboxImports} on this process's thread, with its progress on standard
 * error. Ctrl-C stops after the batch in hand; the same command run again skips what was stored (the import ledger)
 * and goes on.
 */
@Command(
        name = "import",
        mixinStandardHelpOptions = true,
        description = {
            "Import mail into an account from an IMAP server, an mbox file, a Maildir tree or a ZIP.",
            "Interrupted (Ctrl-C, a lost connection), the same command run again skips what was stored and goes on."
        },
        subcommands = {
            ImportCommands.Imap.class,
            ImportCommands.Mbox.class,
            ImportCommands.Maildir.class,
            ImportCommands.Zip.class
        })
final class ImportCommands implements Runnable {

    static final String ACCOUNT = "The account to import into: its address, or its id.";

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "Name what to import from: imap, mbox, maildir or zip");
    }

    /** Runs one import source into the account: progress on standard error, the outcome on standard output. */
    abstract static class ImportCommand extends StoreCommand {

        @Parameters(index = "0", paramLabel = "ACCOUNT", description = ACCOUNT)
        String account;

        ImportCommand(Environment env) {
            super(env);
        }

        abstract ImportSource source() throws IOException;

        @Override
        final int run() throws Exception {
            AccountView target = AccountCommands.find(service(Accounts.class), account);
            ImportSource source = source();
            MailboxImports imports = service(MailboxImports.class);
            Reporter reporter = new Reporter(this);
            AtomicLong jobId = new AtomicLong(-1);
            ImportProgress end;
            try (Interruption.Watch watch = env.interruption().watch(() -> {
                reporter.interrupted = true;
                long id = jobId.get();
                if (id >= 0) {
                    imports.cancel(target.id(), id);
                }
            })) {
                end = imports.run(target.id(), source, progress -> {
                    if (jobId.getAndSet(progress.jobId()) < 0 && reporter.interrupted) {
                        imports.cancel(target.id(), progress.jobId());
                    }
                    reporter.show(progress);
                    watch.step();
                });
            } finally {
                reporter.close();
            }
            return outcome(target, end);
        }

        private int outcome(AccountView target, ImportProgress end) {
            for (String error : end.errors()) {
                err().println("  " + error);
            }
            if (end.state() == ImportState.CANCELLED) {
                err().println("Interrupted: " + end.messagesStored() + " message(s) stored stay; run the same command"
                        + " again to go on from there.");
            } else if (end.state() == ImportState.FAILED) {
                err().println("The import failed; what it stored stays, and the same command run again goes on.");
            }
            err().flush();
            if (json()) {
                Output.json(out(), end);
            } else {
                out().printf(
                                "%s into %s (id %d): %d stored, %d skipped as imported before, %d failed, %d malformed kept"
                                        + " as received; %d of %d folders%n",
                                switch (end.state()) {
                                    case DONE -> "Imported";
                                    case CANCELLED -> "Interrupted";
                                    case FAILED -> "Failed";
                                    case RUNNING -> "Importing";
                                },
                                target.address(),
                                target.id(),
                                end.messagesStored(),
                                end.messagesSkipped(),
                                end.messagesFailed(),
                                end.messagesMalformed(),
                                end.foldersDone(),
                                end.foldersTotal());
                out().flush();
            }
            return end.state() == ImportState.DONE ? ExitCodes.OK : ExitCodes.FAILURE;
        }

        /** An existing regular file, or a usage error naming it. */
        static Path file(Path path) {
            if (!Files.isRegularFile(path)) {
                throw new CommandFailed(ExitCodes.USAGE, "No such file: " + path);
            }
            return path;
        }
    }

    /** Turns the import's reports into a {@link Progress} bar, started when the source has counted its messages. */
    private static final class Reporter {

        private final StoreCommand command;
        private @Nullable Progress progress;
        private long done;
        private long failed;
        private long bytes;
        volatile boolean interrupted;

        Reporter(StoreCommand command) {
            this.command = command;
        }

        void show(ImportProgress report) {
            if (progress == null) {
                progress = Progress.on(command, "messages", report.messagesTotal() > 0 ? report.messagesTotal() : -1);
            }
            long doneNow = report.messagesDone() - done;
            if (doneNow > 0 || report.bytesDone() > bytes) {
                progress.advance(Math.max(0, doneNow), report.bytesDone() - bytes);
            }
            for (long i = failed; i < report.messagesFailed(); i++) {
                progress.failed();
            }
            done = report.messagesDone();
            failed = report.messagesFailed();
            bytes = report.bytesDone();
        }

        void close() {
            if (progress != null) {
                progress.close();
            }
        }
    }

    @Command(
            name = "imap",
            mixinStandardHelpOptions = true,
            description = {
                "Import from an IMAP server: every folder, or those named with --folder; nothing on the server changes.",
                "The password is asked for on the terminal, or read from an environment variable, a file or standard"
                        + " input; never from an argument."
            })
    static final class Imap extends ImportCommand {

        @Option(names = "--host", required = true, paramLabel = "HOST", description = "The IMAP server.")
        String host;

        @Option(names = "--port", paramLabel = "PORT", description = "The server's port; 993 for IMAPS, 143 otherwise.")
        @Nullable
        Integer port;

        @Option(
                names = "--security",
                paramLabel = "MODE",
                defaultValue = "IMAPS",
                description = "IMAPS (TLS from the start), STARTTLS (required before the login) or NONE (plain text,"
                        + " for a trusted network); default ${DEFAULT-VALUE}.")
        ImapSecurity security;

        @Option(names = "--user", required = true, paramLabel = "LOGIN", description = "The login on the server.")
        String user;

        @Option(
                names = "--folder",
                paramLabel = "NAME",
                description = "Import only this folder, by its full IMAP name (repeatable); every folder without it.")
        List<String> folders = new ArrayList<>();

        @ArgGroup(exclusive = true)
        @Nullable
        Secret secret;

        /** Where the IMAP password comes from; without any, the terminal asks. */
        static final class Secret {

            @Option(
                    names = "--password-env",
                    paramLabel = "VARIABLE",
                    description = "Read the password from this environment variable.")
            @Nullable
            String variable;

            @Option(
                    names = "--password-file",
                    paramLabel = "FILE",
                    description = "Read it from the first line of FILE.")
            @Nullable
            Path file;

            @Option(names = "--password-stdin", description = "Read it from the first line of standard input.")
            boolean stdin;
        }

        Imap(Environment env) {
            super(env);
        }

        @Override
        ImportSource source() throws IOException {
            int chosenPort = port != null ? port : security == ImapSecurity.IMAPS ? 993 : 143;
            return new ImportSource.Imap(host, chosenPort, security, user, password(), folders);
        }

        private String password() throws IOException {
            if (secret != null && secret.variable != null) {
                String value = System.getenv(secret.variable);
                if (value == null || value.isEmpty()) {
                    throw new CommandFailed(
                            ExitCodes.USAGE, "The environment variable " + secret.variable + " is empty");
                }
                return value;
            }
            if (secret != null && secret.file != null) {
                try (BufferedReader reader = Files.newBufferedReader(secret.file)) {
                    String line = reader.readLine();
                    if (line == null || line.isEmpty()) {
                        throw new CommandFailed(ExitCodes.USAGE, secret.file + " holds no password on its first line");
                    }
                    return line;
                } catch (NoSuchFileException e) {
                    throw new CommandFailed(ExitCodes.USAGE, "No such file: " + secret.file);
                }
            }
            if (secret != null && secret.stdin) {
                String line = env.terminal().readLine();
                if (line == null || line.isEmpty()) {
                    throw new CommandFailed(ExitCodes.USAGE, "Standard input held no password");
                }
                return line;
            }
            char[] typed = env.terminal().askSecret("Password of " + user + " at " + host + ": ");
            if (typed == null) {
                throw new CommandFailed(
                        ExitCodes.USAGE,
                        "No terminal to ask for the password on: use --password-env, --password-file or"
                                + " --password-stdin");
            }
            try {
                if (typed.length == 0) {
                    throw new CommandFailed(ExitCodes.USAGE, "No password given");
                }
                return new String(typed);
            } finally {
                Arrays.fill(typed, '\0');
            }
        }
    }

    @Command(
            name = "mbox",
            mixinStandardHelpOptions = true,
            description = {
                "Import an mbox file into one folder.",
                "Status and X-Status headers (and Thunderbird's X-Mozilla-Status) give read, answered and flagged."
            })
    static final class Mbox extends ImportCommand {

        @Parameters(index = "1", paramLabel = "FILE", description = "The mbox file.")
        Path file;

        @Option(
                names = "--folder",
                paramLabel = "PATH",
                description = "The target folder's path, /-separated (Inbox, Sent Items, Archive/2019);"
                        + " a folder named after the file without it.")
        @Nullable
        String folder;

        @Option(
                names = "--mboxo",
                description = "The file quotes only `From ` lines (mboxo); mboxrd, which quotes every `>*From `"
                        + " line, without it.")
        boolean mboxo;

        Mbox(Environment env) {
            super(env);
        }

        @Override
        ImportSource source() {
            return new ImportSource.Mbox(file(file), folder, mboxo ? MboxFormat.MBOXO : MboxFormat.MBOXRD);
        }
    }

    @Command(
            name = "maildir",
            mixinStandardHelpOptions = true,
            description = {
                "Import a Maildir tree: its cur and new into the Inbox, Maildir++ subfolders (.Sent, .Archive.2024)"
                        + " and nested Maildirs into folders of their names.",
                "The info suffix (:2,FRS) gives flagged, replied and seen; messages in new are unread."
            })
    static final class Maildir extends ImportCommand {

        @Parameters(index = "1", paramLabel = "DIRECTORY", description = "The Maildir's root.")
        Path root;

        Maildir(Environment env) {
            super(env);
        }

        @Override
        ImportSource source() {
            if (!Files.isDirectory(root)) {
                throw new CommandFailed(ExitCodes.USAGE, "No such directory: " + root);
            }
            return new ImportSource.Maildir(root);
        }
    }

    @Command(
            name = "zip",
            mixinStandardHelpOptions = true,
            description = "Import a ZIP as `atoll export` writes it: each .mbox a folder of its path, each .eml a"
                    + " message of the folder its directory names.")
    static final class Zip extends ImportCommand {

        @Parameters(index = "1", paramLabel = "FILE", description = "The ZIP archive.")
        Path file;

        Zip(Environment env) {
            super(env);
        }

        @Override
        ImportSource source() {
            return new ImportSource.Zip(file(file));
        }
    }
}
