package org.atoll.sync;

import java.time.Instant;

/**
 * What the item-sync core needs to know of one stored item to decide what a device is owed: where it is, the modseq
 * of its last change, and the instant the FilterType window compares (a message's arrival; {@link Instant#EPOCH}
 * for a class without FilterType, MS-ASCMD 2.2.3.69.2).
 *
 * @param size about how many bytes sending it costs, for the response budget
 */
record ItemStamp(long id, long folderId, Instant since, long modseq, int size) {}
