package org.atoll.sync.internal;

import java.time.Instant;

/** Where a collection's first offering of existing messages stands: the last message offered, newest first. */
public record ScanCursor(Instant receivedAt, long messageId) {}
