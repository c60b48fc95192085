package org.atoll.mailbox;

import java.time.Instant;

/**
 * Where a message is, when it arrived and how recent its state is: what a sync engine needs to tell whether a
 * device's copy is current, without loading the envelope.
 */
public record MessageStamp(long id, long folderId, Instant receivedAt, long modseq, int size) {}
