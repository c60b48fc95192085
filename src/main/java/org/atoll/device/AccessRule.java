package org.atoll.device;

import java.time.Instant;

/**
 * A device access rule: devices whose characteristic equals the query string (any case) get the access state.
 *
 * @param access what a matching device gets: allowed, blocked or quarantined
 */
public record AccessRule(
        long id, AccessState access, Characteristic characteristic, String queryString, Instant createdAt) {}
