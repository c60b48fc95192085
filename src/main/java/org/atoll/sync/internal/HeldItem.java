package org.atoll.sync.internal;

import java.time.Instant;

/** A message as a device holds it: the modseq of the state it received, and when the message arrived. */
public record HeldItem(long messageId, long modseq, Instant receivedAt) {}
