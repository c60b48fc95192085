package org.atoll.device;

/** What of a device an access rule matches, as Exchange's device access rules do. */
public enum Characteristic {
    /** The DeviceType of the request line (MS-ASHTTP 2.2.1.1.1.2). */
    DEVICE_TYPE,
    /** The Model the device reports in DeviceInformation (MS-ASCMD 2.2.3.112). */
    MODEL,
    /** The OS the device reports in DeviceInformation (MS-ASCMD 2.2.3.120). */
    OS,
    /** The User-Agent header of the device's requests. */
    USER_AGENT
}
