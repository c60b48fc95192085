package org.atoll.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.atoll.AtollApplication;
import org.junit.jupiter.api.Test;

/**
 * One main for the server and the admin commands: no arguments, {@code serve} or settings alone start the server as
 * before; anything else is a command, run in a JVM of its own here as {@code java -jar} runs it.
 */
class EntryPointTest {

    @Test
    void theServerShouldStartAsBeforeUnlessACommandIsNamed() {
        assertThat(AtollCommandLine.isCommand(new String[0])).isFalse();
        assertThat(AtollCommandLine.isCommand(new String[] {"--server.port=9090"}))
                .isFalse();
        assertThat(AtollCommandLine.isCommand(new String[] {"serve", "--atoll.demo.enabled=true"}))
                .isFalse();
        assertThat(AtollCommandLine.serverArguments(new String[] {"serve", "--atoll.demo.enabled=true"}))
                .containsExactly("--atoll.demo.enabled=true");
        assertThat(AtollCommandLine.serverArguments(new String[] {"--server.port=9090"}))
                .containsExactly("--server.port=9090");

        assertThat(AtollCommandLine.isCommand(new String[] {"account", "list"})).isTrue();
        assertThat(AtollCommandLine.isCommand(new String[] {"--help"})).isTrue();
        assertThat(AtollCommandLine.isCommand(new String[] {"-V"})).isTrue();
        assertThat(AtollCommandLine.isCommand(new String[] {"serve", "--help"})).isTrue();
        assertThat(AtollCommandLine.isCommand(new String[] {"acount", "list"}))
                .as("a mistyped command is a usage error, not a server")
                .isTrue();
    }

    record Exited(int code, String out, String err) {}

    static Exited main(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                ProcessHandle.current().info().command().orElse("java"),
                "-cp",
                System.getProperty("java.class.path"),
                AtollApplication.class.getName()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).start();
        process.getOutputStream().close();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Exited(process.waitFor(), out, err);
    }

    @Test
    void helpShouldListTheCommandsAndExitZero() throws Exception {
        Exited help = main("--help");

        assertThat(help.code()).as(help.err()).isZero();
        assertThat(help.out())
                .startsWith("Usage: atoll")
                .contains("serve", "account", "device", "db", "import", "export", "Exit codes:");
        assertThat(help.err()).isEmpty();
    }

    @Test
    void aWrongCommandLineShouldExitWithTwoAndSayWhyOnStandardError() throws Exception {
        Exited wrong = main("account", "frobnicate");

        assertThat(wrong.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(wrong.out()).isEmpty();
        assertThat(wrong.err()).contains("Unmatched argument").contains("frobnicate");
    }
}
