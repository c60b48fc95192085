package org.atoll.device;

import org.atoll.shared.Actor;

/** Published inside the transaction that removed a device's partnership with its state. */
public record DeviceRemoved(long accountId, long devicePk, String deviceId, Actor actor) {}
