package org.atoll.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/**
 * Where a new password comes from: asked twice without echo on the console, or the first line of standard input or
 * of a file. Never an argument, which other users of the machine see in the process list and the shell keeps in its
 * history.
 */
final class Passwords {

    /** The options that name the source; without either, the console asks. */
    static final class Source {

        @Option(names = "--password-stdin", description = "Read the password from the first line of standard input.")
        boolean stdin;

        @Option(
                names = "--password-file",
                paramLabel = "FILE",
                description = "Read the password from the first line of FILE.")
        @Nullable
        Path file;
    }

    private Passwords() {}

    static String read(@Nullable Source source, Terminal terminal) throws IOException {
        if (source != null && source.stdin) {
            String line = terminal.readLine();
            if (line == null || line.isEmpty()) {
                throw new CommandFailed(ExitCodes.USAGE, "Standard input held no password");
            }
            return line;
        }
        if (source != null && source.file != null) {
            try (BufferedReader reader = Files.newBufferedReader(source.file)) {
                String line = reader.readLine();
                if (line == null || line.isEmpty()) {
                    throw new CommandFailed(ExitCodes.USAGE, source.file + " holds no password on its first line");
                }
                return line;
            } catch (java.nio.file.NoSuchFileException e) {
                throw new CommandFailed(ExitCodes.USAGE, "No such file: " + source.file);
            }
        }
        if (!terminal.interactive()) {
            throw new CommandFailed(
                    ExitCodes.USAGE, "No terminal to ask for the password on: use --password-stdin or --password-file");
        }
        char[] first = terminal.askSecret("New password: ");
        char[] again = terminal.askSecret("Repeat it: ");
        try {
            if (first == null || again == null || first.length == 0) {
                throw new CommandFailed(ExitCodes.USAGE, "No password given");
            }
            if (!Arrays.equals(first, again)) {
                throw new CommandFailed(ExitCodes.FAILURE, "The two passwords differ; nothing changed");
            }
            return new String(first);
        } finally {
            if (first != null) {
                Arrays.fill(first, '\0');
            }
            if (again != null) {
                Arrays.fill(again, '\0');
            }
        }
    }
}
