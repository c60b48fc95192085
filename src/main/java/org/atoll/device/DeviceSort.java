package org.atoll.device;

/** Orders of a device list; ties are broken by the registry's id. */
public enum DeviceSort {
    FIRST_SYNC,
    LAST_SYNC,
    DEVICE_TYPE,
    MODEL,
    ACCOUNT
}
