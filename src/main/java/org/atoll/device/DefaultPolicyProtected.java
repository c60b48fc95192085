package org.atoll.device;

/** There is always exactly one default policy: it cannot be deleted or stop being the default by itself. */
public final class DefaultPolicyProtected extends DeviceException {

    public DefaultPolicyProtected() {
        super("The default policy cannot be deleted or unmarked; make another policy the default first");
    }
}
