package org.atoll.cli;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.atoll.shared.Actor;
import picocli.CommandLine;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs {@code atoll} commands in this process, as the jar's main does, with standard input and outputs captured
 * (standard output both as text and, for exports, as bytes).
 */
final class Cli {

    static final Actor ACTOR = new Actor("cli:test", null);

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** What one run left behind. */
    record Run(int exitCode, String out, String err, byte[] bytes) {

        JsonNode json() {
            return JSON.readTree(out);
        }
    }

    private final Services services;
    private final Interruption interruption;

    Cli(Services services) {
        this(services, Interruption.NEVER);
    }

    private Cli(Services services, Interruption interruption) {
        this.services = services;
        this.interruption = interruption;
    }

    /**
     * The same commands, interrupted as by Ctrl-C when long work reaches its {@code step}th step (an import's
     * {@code step}th progress report), once per run.
     */
    Cli interruptedAt(int step) {
        return new Cli(services, stop -> new Interruption.Watch() {
            private int steps;

            @Override
            public void step() {
                if (++steps == step) {
                    stop.run();
                }
            }

            @Override
            public void close() {}
        });
    }

    Run run(String... args) {
        return withInput("", args);
    }

    /** Runs as a script does: no terminal, {@code stdin} on standard input. */
    Run withInput(String stdin, String... args) {
        return on(Terminal.script(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8))), args);
    }

    /** Runs at a terminal where a person gives these answers, one per question, in order. */
    Run answering(List<String> answers, String... args) {
        Deque<String> left = new ArrayDeque<>(answers);
        return on(
                Terminal.person(new Terminal.Person() {
                    @Override
                    public char[] secret(String prompt) {
                        String answer = left.poll();
                        return answer == null ? null : answer.toCharArray();
                    }

                    @Override
                    public String line(String prompt) {
                        return left.poll();
                    }
                }),
                args);
    }

    private Run on(Terminal terminal, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        CommandLine commandLine =
                AtollCommandLine.commandLine(new Environment(services, terminal, ACTOR, bytes, interruption));
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        int code = commandLine.execute(args);
        return new Run(code, out.toString(), err.toString(), bytes.toByteArray());
    }
}
