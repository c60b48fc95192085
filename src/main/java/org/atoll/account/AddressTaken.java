package org.atoll.account;

/** Another account already uses the address. */
public final class AddressTaken extends AccountException {

    public AddressTaken(String address) {
        super("The address " + address + " is already taken");
    }
}
