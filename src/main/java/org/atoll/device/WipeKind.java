package org.atoll.device;

/** What a remote wipe removes (MS-ASPROV 2.2.2.53.3 RemoteWipe, 2.2.2.1 AccountOnlyRemoteWipe). */
public enum WipeKind {
    /** Everything on the device. */
    FULL,
    /** Only this account's data; protocol 16.1 devices only. */
    ACCOUNT_ONLY
}
