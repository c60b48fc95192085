package org.atoll.account;

/** A field of an account request breaks a rule; the message names the field and the rule. */
public final class InvalidAccountData extends AccountException {

    public InvalidAccountData(String message) {
        super(message);
    }
}
