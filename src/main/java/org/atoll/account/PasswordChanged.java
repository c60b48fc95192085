package org.atoll.account;

/**
 * Published inside the transaction that gave an account a new password, whoever set it. Whatever the old password
 * let someone obtain ends with it.
 */
record PasswordChanged(long accountId) {}
