package org.atoll.contacts;

/**
 * A contact sent by a client breaks MS-ASCNTC: a wrong date format, an element the Contact class does not define,
 * a picture over the limit, a value where a container belongs. A Sync answers the item with Status 6 (MS-ASCMD
 * 2.2.3.177.17); the message says what was wrong and is safe to log.
 */
public final class MalformedContact extends Exception {

    private static final long serialVersionUID = 1L;

    public MalformedContact(String reason) {
        super(reason);
    }
}
