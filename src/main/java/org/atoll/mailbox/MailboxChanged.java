package org.atoll.mailbox;

import java.util.Set;

/**
 * Published when a mutation of an account's mailbox is about to commit; listeners that act on it outside the
 * store (waking waiting devices) listen after commit.
 *
 * @param folderIds the folders whose content or identity changed
 * @param hierarchyChanged whether a folder was created, renamed, moved or deleted
 */
public record MailboxChanged(long accountId, long modseq, Set<Long> folderIds, boolean hierarchyChanged) {}
