package org.atoll.device;

/** What decided a device's access state. */
public enum AccessSource {
    /** An administrator allowed or blocked this device itself; rules no longer apply to it. */
    PERSONAL,
    /** A device access rule matched. */
    RULE,
    /** No rule matched: the organization's default access level. */
    DEFAULT
}
