package org.atoll.account;

import org.atoll.shared.Actor;

/**
 * Published inside the transaction that changed an account's settings or password.
 *
 * @param what the changes in words, never a password
 */
public record AccountChanged(long accountId, String address, Actor actor, String what) {}
