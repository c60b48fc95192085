package org.atoll.device;

/** The account already has as many devices as it may; the new one was not registered. */
public final class DeviceLimitReached extends RuntimeException {

    public DeviceLimitReached(int limit) {
        super("The account already has " + limit + " devices");
    }
}
