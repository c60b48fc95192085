package org.atoll.bench;

import java.util.HashMap;
import java.util.Map;

/**
 * One simulated device: its credentials and DeviceId, the policy key Provision gave it, its Inbox's SyncKey and its
 * own copy of the Inbox, kept the way a device keeps it (ServerId to the state it received).
 */
final class SimDevice {

    /** An item as the device holds it. */
    record Held(boolean read, String flagStatus) {}

    final long accountId;
    final String address;
    final String password;
    final String deviceId;
    final String authorization;
    long policyKey;
    long inbox;
    String syncKey = "0";
    int turn;
    final Map<String, Held> items = new HashMap<>();

    SimDevice(long accountId, String address, String password, String deviceId) {
        this.accountId = accountId;
        this.address = address;
        this.password = password;
        this.deviceId = deviceId;
        this.authorization = "Basic "
                + java.util.Base64.getEncoder()
                        .encodeToString((address + ":" + password).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
