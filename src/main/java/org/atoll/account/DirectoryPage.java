package org.atoll.account;

import java.util.List;

/**
 * A part of the directory's matches for a query.
 *
 * @param offset the position of the first entry among all matches
 * @param total how many accounts match in all
 */
public record DirectoryPage(List<DirectoryEntry> entries, int offset, long total) {}
