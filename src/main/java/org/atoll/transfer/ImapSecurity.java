package org.atoll.transfer;

/** How an IMAP import protects its connection. */
public enum ImapSecurity {
    /** TLS from the first byte (port 993), the server's certificate and name checked. */
    IMAPS,
    /** STARTTLS required before the login (port 143), the server's certificate and name checked. */
    STARTTLS,
    /** No TLS: for a server on the same machine or a network the operator trusts. */
    NONE
}
