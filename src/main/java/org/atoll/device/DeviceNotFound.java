package org.atoll.device;

/** No device has the given id (or it belongs to an account the caller may not see). */
public final class DeviceNotFound extends DeviceException {

    public DeviceNotFound(long id) {
        super("No device with id " + id);
    }
}
