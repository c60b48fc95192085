package org.atoll.account;

/** Why a request about accounts was refused; nothing was changed. */
public abstract sealed class AccountException extends RuntimeException
        permits AccountNotFound, AddressTaken, InvalidAccountData, LastAdministrator, TooManyTokens {

    AccountException(String message) {
        super(message);
    }
}
