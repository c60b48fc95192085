package org.atoll.cli;

import org.atoll.shared.Actor;

/**
 * What every command works with: the services, the terminal, and who acts in the audit trail.
 *
 * @param actor recorded as the author of every change, {@code cli:<system user>}
 */
record Environment(Services services, Terminal terminal, Actor actor) {

    static Actor systemUser() {
        return new Actor("cli:" + System.getProperty("user.name"), null);
    }
}
