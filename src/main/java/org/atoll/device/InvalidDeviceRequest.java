package org.atoll.device;

/** A field of a device, rule or policy request breaks a rule; the message names the field and the rule. */
final class InvalidDeviceRequest extends DeviceException {

    public InvalidDeviceRequest(String message) {
        super(message);
    }
}
