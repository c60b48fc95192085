package org.atoll.device;

/** The device's owner tried to undo or replace what an administrator decided for the device; nothing changed. */
public final class DecidedByAdministrator extends DeviceException {

    DecidedByAdministrator(String message) {
        super(message);
    }
}
