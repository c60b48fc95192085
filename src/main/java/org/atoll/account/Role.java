package org.atoll.account;

/** What an account may do beyond its own mailbox. */
public enum Role {
    USER,
    ADMIN
}
