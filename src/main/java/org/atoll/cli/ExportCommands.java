package org.atoll.cli;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.atoll.account.AccountView;
import org.atoll.account.Accounts;
import org.atoll.mailbox.FolderView;
import org.atoll.mailbox.Mailboxes;
import org.atoll.transfer.ExportFormat;
import org.atoll.transfer.MailboxExports;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code atoll export ...}: an account's mailbox, or one folder, as mbox or as a ZIP of {@code .eml} files, streamed
 * by {@link MailboxExports} to a file or to standard output, with its progress on standard error.
 */
@Command(
        name = "export",
        mixinStandardHelpOptions = true,
        description = {
            "Export a mailbox, or one folder, as mbox or as a ZIP of .eml files, to a file or standard output.",
            "`atoll import zip` (or mbox, for one folder) reads the result back."
        },
        subcommands = {ExportCommands.Mbox.class, ExportCommands.Zip.class})
final class ExportCommands implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "Name the format: mbox or zip");
    }

    /**
     * What an export wrote, as {@code --json} prints it.
     *
     * @param folderId the folder exported, null for the whole mailbox
     * @param file where it went, null for standard output
     * @param container {@code MBOX} for one folder as mbox, otherwise {@code ZIP}
     */
    record ExportJson(
            long accountId,
            String address,
            @Nullable Long folderId,
            ExportFormat format,
            MailboxExports.Container container,
            @Nullable String file,
            long messages,
            long bytes) {}

    /** Writes one format; the subcommands differ only in it. */
    abstract static class ExportCommand extends StoreCommand {

        @Parameters(paramLabel = "ACCOUNT", description = "The account to export: its address, or its id.")
        String account;

        @Option(
                names = "--folder",
                paramLabel = "PATH",
                description = "Only this folder: its path, /-separated (Inbox, Sent Items, Projects/2024), or its id;"
                        + " the whole mailbox without it.")
        @Nullable
        String folder;

        @Option(
                names = {"-o", "--output"},
                paramLabel = "FILE",
                description = "Write to FILE (written beside it, then renamed into place); `-` or no -o writes to"
                        + " standard output.")
        @Nullable
        Path output;

        @Option(names = "--force", description = "Replace FILE if it exists.")
        boolean force;

        ExportCommand(Environment env) {
            super(env);
        }

        abstract ExportFormat format();

        @Override
        final int run() throws Exception {
            boolean toStdout = output == null || output.toString().equals("-");
            if (toStdout && env.terminal().interactive()) {
                throw new CommandFailed(
                        ExitCodes.USAGE, "An export is binary: give -o FILE, or redirect standard output");
            }
            if (!toStdout && Files.exists(output) && !force) {
                throw new CommandFailed(ExitCodes.USAGE, output + " exists: give --force to replace it");
            }
            AccountView target = AccountCommands.find(service(Accounts.class), account);
            Long folderId = folder == null ? null : folderId(service(Mailboxes.class), target.id(), folder);
            MailboxExports exports = service(MailboxExports.class);
            long total = exports.count(target.id(), folderId);
            long[] bytes = {0};
            long written;
            try (Progress progress = Progress.on(this, "messages", total)) {
                if (toStdout) {
                    OutputStream stdout = env.stdout();
                    written = exports.write(target.id(), folderId, format(), stdout, size -> {
                        bytes[0] += size;
                        progress.advance(1, size);
                    });
                    stdout.flush();
                } else {
                    written = toFile(exports, target.id(), folderId, progress, bytes);
                }
            }
            ExportJson result = new ExportJson(
                    target.id(),
                    target.address(),
                    folderId,
                    format(),
                    MailboxExports.container(folderId, format()),
                    toStdout ? null : output.toString(),
                    written,
                    bytes[0]);
            if (toStdout) {
                err().printf(
                                "Exported %d message(s) of %s to standard output as %s%n",
                                written, target.address(), describe(result));
                err().flush();
            } else if (json()) {
                Output.json(out(), result);
            } else {
                out().printf(
                                "Exported %d message(s) of %s to %s as %s%n",
                                written, target.address(), output, describe(result));
                out().flush();
            }
            return ExitCodes.OK;
        }

        /** Into a file beside the target, renamed into place when whole, so no half export ever has its name. */
        private long toFile(
                MailboxExports exports, long accountId, @Nullable Long folderId, Progress progress, long[] bytes)
                throws IOException {
            Path absolute = output.toAbsolutePath();
            Path partial = Files.createTempFile(absolute.getParent(), "." + absolute.getFileName(), ".part");
            try {
                long written;
                try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(partial))) {
                    written = exports.write(accountId, folderId, format(), out, size -> {
                        bytes[0] += size;
                        progress.advance(1, size);
                    });
                }
                Files.move(partial, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                return written;
            } finally {
                Files.deleteIfExists(partial);
            }
        }

        private static String describe(ExportJson result) {
            return result.container() == MailboxExports.Container.MBOX
                    ? "an mbox file"
                    : "a ZIP of " + (result.format() == ExportFormat.MBOX ? "one .mbox per folder" : ".eml files");
        }
    }

    /** The folder a path or an id names in the account's mailbox, names compared in any case. */
    static long folderId(Mailboxes mailboxes, long accountId, String reference) {
        List<FolderView> folders = mailboxes.folders(accountId);
        String value = reference.strip();
        if (value.chars().allMatch(Character::isDigit) && !value.isEmpty()) {
            long id = Long.parseLong(value);
            Optional<FolderView> byId =
                    folders.stream().filter(f -> f.id() == id).findFirst();
            if (byId.isPresent()) {
                return id;
            }
        }
        Long parent = null;
        FolderView found = null;
        for (String name : value.split("/")) {
            if (name.isEmpty()) {
                continue;
            }
            Long under = parent;
            found = folders.stream()
                    .filter(f -> Objects.equals(f.parentId(), under)
                            && f.name().toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT)))
                    .findFirst()
                    .orElseThrow(() -> noFolder(reference));
            parent = found.id();
        }
        if (found == null) {
            throw noFolder(reference);
        }
        return found.id();
    }

    private static CommandFailed noFolder(String reference) {
        return new CommandFailed(ExitCodes.NOT_FOUND, "The mailbox has no folder " + reference);
    }

    @Command(
            name = "mbox",
            mixinStandardHelpOptions = true,
            description = {
                "Export as mboxrd: one folder as an mbox file, the whole mailbox as a ZIP of one .mbox per folder.",
                "Each message keeps its bytes; read, answered and flagged go into Status and X-Status."
            })
    static final class Mbox extends ExportCommand {

        Mbox(Environment env) {
            super(env);
        }

        @Override
        ExportFormat format() {
            return ExportFormat.MBOX;
        }
    }

    @Command(
            name = "zip",
            mixinStandardHelpOptions = true,
            description = "Export as a ZIP with one .eml file per message in a directory per folder (no flags).")
    static final class Zip extends ExportCommand {

        Zip(Environment env) {
            super(env);
        }

        @Override
        ExportFormat format() {
            return ExportFormat.EML;
        }
    }
}
