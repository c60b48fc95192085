package org.atoll.device;

/** No mobile policy has the given id. */
public final class PolicyNotFound extends DeviceException {

    public PolicyNotFound(long id) {
        super("No mobile policy with id " + id);
    }
}
