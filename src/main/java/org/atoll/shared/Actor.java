package org.atoll.shared;

import org.jspecify.annotations.Nullable;

/**
 * Who did something, for the audit trail: an account's address, a device, or the server itself, with the network
 * address the request came from when there was one.
 */
public record Actor(String name, @Nullable String source) {

    /** The server acting on its own (first start, rule evaluation). */
    public static final Actor SYSTEM = new Actor("system", null);

    public static Actor device(String deviceId, @Nullable String source) {
        return new Actor("device:" + deviceId, source);
    }
}
