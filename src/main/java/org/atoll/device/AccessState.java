package org.atoll.device;

/** Whether a device may sync. */
public enum AccessState {
    ALLOWED,
    BLOCKED,
    QUARANTINED
}
