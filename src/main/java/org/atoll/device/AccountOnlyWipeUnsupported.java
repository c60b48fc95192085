package org.atoll.device;

/** An account-only wipe (MS-ASPROV AccountOnlyRemoteWipe) needs a device speaking protocol 16.1. */
public final class AccountOnlyWipeUnsupported extends DeviceException {

    public AccountOnlyWipeUnsupported(String protocolVersion) {
        super("An account-only wipe needs ActiveSync 16.1; this device speaks " + protocolVersion);
    }
}
