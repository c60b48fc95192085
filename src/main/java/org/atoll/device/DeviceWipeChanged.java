package org.atoll.device;

import org.atoll.shared.Actor;

/** Published inside the transaction that moved a device's remote wipe on. */
public record DeviceWipeChanged(long accountId, long devicePk, String deviceId, Step step, WipeKind kind, Actor actor) {

    /** What happened to the wipe. */
    public enum Step {
        REQUESTED,
        CANCELLED,
        SENT,
        ACKNOWLEDGED,
        FAILED
    }
}
