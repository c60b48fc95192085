package org.atoll.contacts;

/** The postal addresses a contact holds, one of each kind (MS-ASCNTC 2.2.2). */
public enum AddressKind {
    BUSINESS,
    HOME,
    OTHER
}
