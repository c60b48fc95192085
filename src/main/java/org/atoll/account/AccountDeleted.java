package org.atoll.account;

import org.atoll.shared.Actor;

/**
 * Published inside the transaction that deletes an account, before its row goes, so that other modules remove
 * what belongs to it (its mail) in that same transaction, or the account stays.
 */
public record AccountDeleted(long accountId, String address, Actor actor) {}
