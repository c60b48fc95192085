package org.atoll.mailbox;

import java.util.List;

/**
 * Journal entries after a position, oldest first.
 *
 * @param next where to read on from; equal to the position asked for when there was nothing new
 * @param more whether entries beyond this page exist
 */
public record ChangePage(List<JournalEntry> entries, JournalPosition next, boolean more) {}
