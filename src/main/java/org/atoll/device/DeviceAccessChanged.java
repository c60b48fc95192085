package org.atoll.device;

import org.atoll.shared.Actor;

/**
 * Published inside the transaction that gave a device a new access state: when it registered, when an
 * administrator set it, or when rules changed.
 */
public record DeviceAccessChanged(
        long accountId,
        long devicePk,
        String deviceId,
        String deviceType,
        AccessState state,
        AccessSource source,
        String reason,
        Actor actor) {}
