package org.atoll.account;

/** No account has the given id or address. */
public final class AccountNotFound extends AccountException {

    public AccountNotFound(String what) {
        super("No account " + what);
    }
}
