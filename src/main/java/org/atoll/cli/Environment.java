package org.atoll.cli;

import java.io.OutputStream;
import org.atoll.shared.Actor;

/**
 * What every command works with: the services, the terminal, and who acts in the audit trail.
 *
 * @param actor recorded as the author of every change, {@code cli:<system user>}
 * @param stdout standard output as bytes, for a command whose result is a file (an export)
 * @param interruption how long work learns that the process is asked to end
 */
record Environment(Services services, Terminal terminal, Actor actor, OutputStream stdout, Interruption interruption) {

    /** Without byte output and without interruptions, for commands that need neither. */
    Environment(Services services, Terminal terminal, Actor actor) {
        this(services, terminal, actor, OutputStream.nullOutputStream(), Interruption.NEVER);
    }

    static Actor systemUser() {
        return new Actor("cli:" + System.getProperty("user.name"), null);
    }
}
