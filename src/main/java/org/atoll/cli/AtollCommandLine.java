package org.atoll.cli;

import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.lang.reflect.Constructor;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.IFactory;

/**
 * The entry point shared with the server: {@code java -jar atoll.jar} with no arguments, with {@code serve}, or with
 * only {@code --name=value} settings runs the server as before; a command name ({@code account}, {@code device},
 * {@code db}, {@code import}, {@code export}, {@code help}) or {@code --help}/{@code --version} runs an admin command and exits with its code.
 */
public final class AtollCommandLine {

    private static final Set<String> HELP = Set.of("-h", "--help", "-V", "--version");

    private AtollCommandLine() {}

    /** Whether the arguments name an admin command rather than the server. */
    public static boolean isCommand(String[] args) {
        if (args.length == 0) {
            return false;
        }
        String first = args[0];
        if (first.equals("serve")) {
            return Arrays.stream(args).skip(1).anyMatch(HELP::contains);
        }
        return !first.startsWith("-") || HELP.contains(first);
    }

    /** The arguments for the server: as given, without a leading {@code serve}. */
    public static String[] serverArguments(String[] args) {
        return args.length > 0 && args[0].equals("serve") ? Arrays.copyOfRange(args, 1, args.length) : args;
    }

    /**
     * Runs the admin command the arguments name in this process, against the database the configuration names.
     * Only the command's result reaches standard output; logs and messages go to standard error.
     *
     * @return the exit code (see {@link ExitCodes})
     */
    public static int execute(String[] args) {
        PrintStream stdout = System.out;
        System.setOut(System.err);
        try (SpringServices services = new SpringServices(Map.of())) {
            Interruption signals = Interruption.Signals.install(services);
            CommandLine commandLine = commandLine(
                    new Environment(services, Terminal.system(), Environment.systemUser(), stdout, signals));
            commandLine.setOut(new PrintWriter(new OutputStreamWriter(stdout, stdout.charset()), true));
            commandLine.setErr(new PrintWriter(new OutputStreamWriter(System.err, System.err.charset()), true));
            return commandLine.execute(args);
        } finally {
            System.setOut(stdout);
        }
    }

    /** The command tree, its commands built with the environment, exceptions mapped by {@link Failures}. */
    static CommandLine commandLine(Environment env) {
        CommandLine commandLine = new CommandLine(new AtollCommand(), new Factory(env));
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        commandLine.setExecutionExceptionHandler(new Failures());
        commandLine.getSubcommands().get("serve").setUnmatchedOptionsArePositionalParams(true);
        return commandLine;
    }

    /** Gives each command that takes an {@link Environment} the one of this run. */
    private record Factory(Environment env) implements IFactory {

        @Override
        public <K> K create(Class<K> type) throws Exception {
            for (Constructor<?> constructor : type.getDeclaredConstructors()) {
                if (constructor.getParameterCount() == 1 && constructor.getParameterTypes()[0] == Environment.class) {
                    constructor.setAccessible(true);
                    return type.cast(constructor.newInstance(env));
                }
            }
            return CommandLine.defaultFactory().create(type);
        }
    }
}
