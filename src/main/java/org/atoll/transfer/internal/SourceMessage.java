package org.atoll.transfer.internal;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** A message as a source holds it: its raw bytes and the flags an import keeps (\Seen, \Flagged, \Answered). */
public record SourceMessage(
        byte[] raw, @Nullable Instant receivedAt, boolean seen, boolean flagged, boolean answered) {}
