package org.atoll.account;

/**
 * One account as the directory shows it to every signed-in user: the name and address people write to, and the
 * details an administrator set (phones, company, job title, office, first and last name).
 *
 * @param alias the address's local part
 */
public record DirectoryEntry(String displayName, String address, String alias, DirectoryDetails details) {}
