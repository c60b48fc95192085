package org.atoll.audit;

/** A query of the audit trail is out of range; the message says which part. */
public final class InvalidAuditQuery extends RuntimeException {

    public InvalidAuditQuery(String message) {
        super(message);
    }
}
