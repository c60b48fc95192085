package org.atoll.push.internal;

/**
 * The PostgreSQL notification channels between nodes. Payloads carry numeric ids only, never anything secret: a
 * listener learns which account to re-check, not what changed.
 */
final class Channels {

    /** A mailbox change committed; payload: the account id. */
    public static final String MAILBOX = "atoll_mailbox";

    /** A device parked a newer request; payload: account id, device id and the request's generation. */
    public static final String DEVICE = "atoll_device";

    private Channels() {}
}
