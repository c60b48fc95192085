package org.atoll.account;

import org.atoll.shared.Actor;

/**
 * Published inside the transaction that opened an account, so that other modules set up what every account
 * has (its mailbox) in that same transaction, or the account is not created at all.
 */
public record AccountCreated(long accountId, String address, Actor actor) {}
