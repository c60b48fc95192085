package org.atoll.push;

/** The account already has as many requests parked on this node as it may; this one was not parked. */
public final class ParkedLimitReached extends RuntimeException {

    public ParkedLimitReached(int limit) {
        super("The account already has " + limit + " parked requests");
    }
}
