package org.atoll.device;

/** Another mobile policy has the name. */
public final class PolicyNameTaken extends DeviceException {

    public PolicyNameTaken(String name) {
        super("A mobile policy named " + name + " exists already");
    }
}
