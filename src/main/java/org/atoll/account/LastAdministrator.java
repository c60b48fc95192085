package org.atoll.account;

/** The change would leave the server without an enabled administrator. */
public final class LastAdministrator extends AccountException {

    public LastAdministrator() {
        super("This is the last enabled administrator; make another one first");
    }
}
