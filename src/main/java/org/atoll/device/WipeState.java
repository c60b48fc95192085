package org.atoll.device;

/** Where a remote wipe of a device stands. */
public enum WipeState {
    NONE,
    /** Requested; the device receives it on its next request. */
    PENDING,
    /** Sent in a Provision response; not yet acknowledged. */
    SENT,
    /** The device reported the wipe done. */
    ACKNOWLEDGED;

    /** Whether the device must be sent the wipe instead of anything else. */
    public boolean owed() {
        return this == PENDING || this == SENT;
    }
}
