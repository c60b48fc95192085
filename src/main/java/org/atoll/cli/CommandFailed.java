package org.atoll.cli;

/** A command's own refusal, with the exit code it ends with and the message shown on standard error. */
final class CommandFailed extends RuntimeException {

    private final int exitCode;

    CommandFailed(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    int exitCode() {
        return exitCode;
    }
}
