package org.atoll.cli;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import org.atoll.shared.Actor;
import picocli.CommandLine;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Runs {@code atoll} commands in this process, as the jar's main does, with standard input and outputs captured. */
final class Cli {

    static final Actor ACTOR = new Actor("cli:test", null);

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** What one run left behind. */
    record Run(int exitCode, String out, String err) {

        JsonNode json() {
            return JSON.readTree(out);
        }
    }

    private final Services services;

    Cli(Services services) {
        this.services = services;
    }

    Run run(String... args) {
        return withInput("", args);
    }

    Run withInput(String stdin, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Environment env = new Environment(
                services, Terminal.script(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8))), ACTOR);
        CommandLine commandLine = AtollCommandLine.commandLine(env);
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        int code = commandLine.execute(args);
        return new Run(code, out.toString(), err.toString());
    }
}
