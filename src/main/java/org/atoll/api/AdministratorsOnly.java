package org.atoll.api;

/** What the caller asked for is for administrators, even on the caller's own mailbox. */
final class AdministratorsOnly extends RuntimeException {

    AdministratorsOnly(String what) {
        super(what + " is for administrators");
    }
}
