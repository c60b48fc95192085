package org.atoll.mail;

/**
 * The account sent more messages or to more recipients than its limits allow in the time they cover; it may send
 * again once its allowance has refilled.
 */
public final class SendQuotaExceeded extends SubmissionRefused {

    SendQuotaExceeded(String message) {
        super(message);
    }
}
