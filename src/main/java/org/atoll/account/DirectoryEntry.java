package org.atoll.account;

/**
 * One account as the directory shows it to every signed-in user: the name and address people write to, nothing else.
 *
 * @param alias the address's local part
 */
public record DirectoryEntry(String displayName, String address, String alias) {}
