package org.atoll.cli;

/** The exit codes scripts can rely on; {@code atoll --help} lists them. */
final class ExitCodes {

    /** Done. */
    static final int OK = 0;

    /** Something went wrong that has no code of its own, or a confirmation was declined. */
    static final int FAILURE = 1;

    /** The command line is wrong: an unknown command or option, a missing argument, no way to ask for input. */
    static final int USAGE = 2;

    /** The account, device or mobile policy named does not exist. */
    static final int NOT_FOUND = 3;

    /** A rule refused the request and nothing changed: an address taken, a short password, the last administrator. */
    static final int REFUSED = 4;

    /** The database cannot be reached, or another Atoll process runs the embedded one on the same data directory. */
    static final int DATABASE_UNAVAILABLE = 5;

    /** The database lacks migrations this version needs ({@code db status} lists them, {@code db migrate} applies). */
    static final int MIGRATIONS_PENDING = 6;

    private ExitCodes() {}
}
