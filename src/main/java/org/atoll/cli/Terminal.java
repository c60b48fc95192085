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

    /** Asks a person at a terminal; each answer is null when the input ended. */
    interface Person {

        /** Asks without echo. */
        char @Nullable [] secret(String prompt);

        @Nullable
        String line(String prompt);
    }

    private final InputStream in;
    private final @Nullable Person person;
    private @Nullable BufferedReader reader;

    private Terminal(InputStream in, @Nullable Person person) {
        this.in = in;
        this.person = person;
    }

    /** This process's standard input, and its console when that is a terminal. */
    static Terminal system() {
        Console console = System.console();
        if (console == null || !console.isTerminal()) {
            return new Terminal(System.in, null);
        }
        return new Terminal(System.in, new Person() {
            @Override
            public char @Nullable [] secret(String prompt) {
                return console.readPassword("%s", prompt);
            }

            @Override
            public @Nullable String line(String prompt) {
                return console.readLine("%s", prompt);
            }
        });
    }

    /** Standard input only, as when a script pipes into the command. */
    static Terminal script(InputStream in) {
        return new Terminal(in, null);
    }

    /** A person to ask, and nothing on standard input. */
    static Terminal person(Person person) {
        return new Terminal(InputStream.nullInputStream(), person);
    }

    /** Whether a person can be asked, and whether progress may be redrawn in place. */
    boolean interactive() {
        return person != null;
    }

    /** Asks without echo; null when nobody can be asked or the input ended. */
    char @Nullable [] askSecret(String prompt) {
        return person == null ? null : person.secret(prompt);
    }

    /** Asks for a line; null when nobody can be asked or the input ended. */
    @Nullable
    String ask(String prompt) {
        return person == null ? null : person.line(prompt);
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
