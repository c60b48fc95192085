package org.atoll.api;

/**
 * The caller may not see the account, mailbox or device asked for. Answered like one that does not exist, so a
 * user learns nothing of other users' ids.
 */
final class NotVisible extends RuntimeException {

    NotVisible(String what) {
        super("No " + what);
    }
}
