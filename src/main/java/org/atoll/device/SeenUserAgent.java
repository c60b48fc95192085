package org.atoll.device;

import java.time.Instant;

/** One User-Agent a device has sent, with the first and the last request that carried it. */
public record SeenUserAgent(String userAgent, Instant firstSeenAt, Instant lastSeenAt) {}
