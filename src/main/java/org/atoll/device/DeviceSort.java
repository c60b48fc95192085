package org.atoll.device;

/** Orders of a device list; ties are broken by the registry's id. */
public enum DeviceSort {
    FIRST_SYNC("d.first_seen_at"),
    LAST_SYNC("d.last_seen_at"),
    DEVICE_TYPE("lower(d.device_type)"),
    MODEL("lower(d.model)"),
    ACCOUNT("a.address");

    /** The SQL expression; a fixed text, never taken from a request. */
    final String column;

    DeviceSort(String column) {
        this.column = column;
    }
}
