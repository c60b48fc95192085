package org.atoll.account;

/** The account already holds as many API tokens as it may; revoke one first. */
public final class TooManyTokens extends AccountException {

    public TooManyTokens(int limit) {
        super("An account holds at most " + limit + " API tokens");
    }
}
