package org.atoll.cli;

import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code atoll serve}: the server, as with no command at all. {@link AtollCommandLine#isCommand} sends these
 * arguments to Spring Boot before picocli sees them; this class gives the command its place in the help.
 */
@Command(
        name = "serve",
        mixinStandardHelpOptions = true,
        description = {
            "Run the server (the default when no command is given).",
            "Settings follow as --name=value, e.g. --server.port=8443, like any Spring Boot application."
        })
final class ServeCommand implements Runnable {

    @Parameters(paramLabel = "--name=value", description = "Settings of the server.", arity = "0..*")
    List<String> settings = List.of();

    @Override
    public void run() {
        throw new IllegalStateException("The server starts before the command line is parsed");
    }
}
