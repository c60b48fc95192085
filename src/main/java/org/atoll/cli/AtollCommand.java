package org.atoll.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The {@code atoll} command: the server, or one of the admin commands. */
@Command(
        name = "atoll",
        mixinStandardHelpOptions = true,
        versionProvider = AtollCommand.Version.class,
        description = {
            "Atoll, an ActiveSync mailbox sync server, and its admin commands.",
            "Without a command (or with `serve`) the server starts. The admin commands work on the database"
                    + " directly, configured as the server is (application.properties, ATOLL_* and SPRING_*"
                    + " environment variables, -D system properties)."
        },
        subcommands = {
            ServeCommand.class,
            AccountCommands.class,
            DeviceCommands.class,
            DbCommands.class,
            ImportCommands.class,
            ExportCommands.class,
            HelpCommand.class
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:done",
            "1:failed, interrupted, or a confirmation was declined",
            "2:wrong command line (unknown option, missing argument, no terminal to ask on)",
            "3:no such account, device, policy or folder",
            "4:refused by a rule; nothing changed",
            "5:database unreachable, or its embedded data directory in use by a running server",
            "6:database migrations pending (see db status)"
        })
final class AtollCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "Name a command");
    }

    /** The version the jar's manifest names, or that of a development build. */
    static final class Version implements picocli.CommandLine.IVersionProvider {

        @Override
        public String[] getVersion() {
            String version = AtollCommand.class.getPackage().getImplementationVersion();
            return new String[] {"atoll " + (version == null ? "(development build)" : version)};
        }
    }
}
