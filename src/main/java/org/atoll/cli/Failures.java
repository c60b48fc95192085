package org.atoll.cli;

import java.io.PrintWriter;
import java.sql.SQLException;
import org.atoll.account.AccountException;
import org.atoll.account.AccountNotFound;
import org.atoll.database.EmbeddedDatabaseInUse;
import org.atoll.device.AccessRuleNotFound;
import org.atoll.device.DeviceException;
import org.atoll.device.DeviceNotFound;
import org.atoll.device.PolicyNotFound;
import org.atoll.mailbox.FolderNotFound;
import org.atoll.mailbox.MailboxException;
import org.atoll.mailbox.MailboxNotFound;
import org.atoll.transfer.ImportAlreadyRunning;
import org.atoll.transfer.InvalidImport;
import org.atoll.transfer.TransferException;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DataAccessResourceFailureException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Maps what a command threw to its exit code and one line on standard error, the one place that does. Refusals
 * named by the modules keep their own message; only a failure without a code of its own shows its stack trace.
 */
final class Failures implements IExecutionExceptionHandler {

    @Override
    public int handleExecutionException(Exception thrown, CommandLine command, ParseResult parsed) {
        PrintWriter err = command.getErr();
        int code = exitCode(thrown);
        Throwable shown = shown(thrown);
        String message = shown.getMessage() == null ? shown.getClass().getSimpleName() : shown.getMessage();
        err.println(command.getCommandSpec().qualifiedName() + ": " + message);
        if (code == ExitCodes.USAGE) {
            err.println("See `" + command.getCommandSpec().qualifiedName() + " --help`.");
        }
        if (code == ExitCodes.FAILURE && !(thrown instanceof CommandFailed)) {
            thrown.printStackTrace(err);
        }
        err.flush();
        return code;
    }

    static int exitCode(Throwable thrown) {
        Throwable shown = shown(thrown);
        return switch (shown) {
            case CommandFailed failed -> failed.exitCode();
            case AccountNotFound notFound -> ExitCodes.NOT_FOUND;
            case DeviceNotFound notFound -> ExitCodes.NOT_FOUND;
            case PolicyNotFound notFound -> ExitCodes.NOT_FOUND;
            case AccessRuleNotFound notFound -> ExitCodes.NOT_FOUND;
            case MailboxNotFound notFound -> ExitCodes.NOT_FOUND;
            case FolderNotFound notFound -> ExitCodes.NOT_FOUND;
            case InvalidImport invalid -> ExitCodes.USAGE;
            case ImportAlreadyRunning running -> ExitCodes.REFUSED;
            case MailboxException refused -> ExitCodes.REFUSED;
            case AccountException refused -> ExitCodes.REFUSED;
            case DeviceException refused -> ExitCodes.REFUSED;
            case EmbeddedDatabaseInUse inUse -> ExitCodes.DATABASE_UNAVAILABLE;
            default -> unreachable(thrown) ? ExitCodes.DATABASE_UNAVAILABLE : ExitCodes.FAILURE;
        };
    }

    /** The exception to report: a refusal of ours or of a module, or the data directory in use, wherever wrapped. */
    private static Throwable shown(Throwable thrown) {
        for (Throwable cause = thrown; cause != null; cause = cause.getCause()) {
            if (cause instanceof CommandFailed
                    || cause instanceof AccountException
                    || cause instanceof DeviceException
                    || cause instanceof MailboxException
                    || cause instanceof TransferException
                    || cause instanceof EmbeddedDatabaseInUse) {
                return cause;
            }
        }
        Throwable connection = connectionFailure(thrown);
        return connection == null ? thrown : connection;
    }

    private static boolean unreachable(Throwable thrown) {
        return connectionFailure(thrown) != null;
    }

    /** A failure to reach the database: SQLSTATE class 08 (connection exception), or Spring's word for it. */
    private static @Nullable Throwable connectionFailure(Throwable thrown) {
        for (Throwable cause = thrown; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql
                    && sql.getSQLState() != null
                    && sql.getSQLState().startsWith("08")) {
                return cause;
            }
            if (cause instanceof DataAccessResourceFailureException) {
                return cause;
            }
        }
        return null;
    }
}
