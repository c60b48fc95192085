package org.atoll.device;

/** What decided a device's access state. */
public enum AccessSource {
    /**
     * An administrator allowed or blocked this device itself, or the server blocked it (a wipe acknowledged, a
     * User-Agent that kept changing); rules no longer apply to it, and only an administrator changes it.
     */
    PERSONAL,
    /** A device access rule matched. */
    RULE,
    /** No rule matched: the organization's default access level. */
    DEFAULT
}
