package org.atoll.device;

/** No device access rule has the given id. */
public final class AccessRuleNotFound extends DeviceException {

    public AccessRuleNotFound(long id) {
        super("No device access rule with id " + id);
    }
}
