package org.atoll.device;

/** Only a quarantined device can be released from quarantine. */
public final class DeviceNotQuarantined extends DeviceException {

    public DeviceNotQuarantined(AccessState state) {
        super("The device is " + state + ", not quarantined");
    }
}
