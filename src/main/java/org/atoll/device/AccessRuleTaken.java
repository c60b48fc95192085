package org.atoll.device;

/** A rule for the same characteristic and value exists already. */
public final class AccessRuleTaken extends DeviceException {

    public AccessRuleTaken(String characteristic, String value) {
        super("A rule for " + characteristic + " = " + value + " exists already");
    }
}
