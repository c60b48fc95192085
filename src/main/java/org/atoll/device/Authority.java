package org.atoll.device;

/**
 * On whose authority a device is acted on. An administrator's block and wipe bind the device's owner: the owner may
 * order a wipe, but never withdraw or replace an administrator's, and never lift a block.
 */
public enum Authority {
    ADMINISTRATOR,
    /** The account the device belongs to, acting on its own device. */
    OWNER
}
