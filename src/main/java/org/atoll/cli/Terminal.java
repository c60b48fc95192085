package org.atoll.cli;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/**
 * Where a command reads what it asks for: the console when a person sits at one (passwords without echo,
 * confirmations), and standard input for scripts.
 */
final class Terminal {

    private final InputStream in;
    private final @Nullable Console console;
    private @Nullable BufferedReader reader;

    private Terminal(InputStream in, @Nullable Console console) {
        this.in = in;
        this.console = console;
    }

    /** This process's standard input, and its console when that is a terminal. */
    static Terminal system() {
        Console console = System.console();
        return new Terminal(System.in, console != null && console.isTerminal() ? console : null);
    }

    /** Standard input only, as when a script pipes into the command. */
    static Terminal script(InputStream in) {
        return new Terminal(in, null);
    }

    /** Whether a person can be asked, and whether progress may be redrawn in place. */
    boolean interactive() {
        return console != null;
    }

    /** Asks without echo; null when nobody can be asked or the input ended. */
    char @Nullable [] askSecret(String prompt) {
        return console == null ? null : console.readPassword("%s", prompt);
    }

    /** Asks for a line; null when nobody can be asked or the input ended. */
    @Nullable
    String ask(String prompt) {
        return console == null ? null : console.readLine("%s", prompt);
    }

    /** The next line of standard input without its line end; null at its end. */
    @Nullable
    String readLine() throws IOException {
        if (reader == null) {
            reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return reader.readLine();
    }
}
