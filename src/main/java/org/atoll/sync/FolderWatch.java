package org.atoll.sync;

import java.util.List;

/**
 * What one waiting device watches, for {@link ItemSyncs#foldersWithChanges(long, List)}.
 *
 * @param folderIds the folders it watches
 * @param sinceModseq the account's modseq when the wait began: a folder the device never synced counts as changed
 *     when someone else changed it after this
 */
public record FolderWatch(long devicePk, List<Long> folderIds, long sinceModseq) {}
