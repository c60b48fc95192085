package org.atoll.contacts;

/** The telephone numbers a contact holds, one of each kind (MS-ASCNTC 2.2.2). */
public enum PhoneKind {
    BUSINESS,
    BUSINESS2,
    HOME,
    HOME2,
    MOBILE,
    CAR,
    PAGER,
    RADIO,
    BUSINESS_FAX,
    HOME_FAX,
    ASSISTANT,
    COMPANY_MAIN,
    MMS
}
