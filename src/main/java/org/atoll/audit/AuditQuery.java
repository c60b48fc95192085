package org.atoll.audit;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * Which entries to read; every null field matches all.
 *
 * @param from entries at or after this instant
 * @param to entries before this instant
 */
public record AuditQuery(
        @Nullable Long accountId,
        @Nullable Long devicePk,
        @Nullable String actor,
        @Nullable Instant from,
        @Nullable Instant to) {}
