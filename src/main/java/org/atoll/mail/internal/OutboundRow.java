package org.atoll.mail.internal;

import java.util.List;

/**
 * One delivery owed, as the queue holds it.
 *
 * @param accountId the sending account
 * @param sender the envelope sender; empty for a non-delivery report, which never gets a report of its own
 */
public record OutboundRow(
        long accountId, long id, Route route, String sender, List<String> recipients, byte[] content, int attempts) {

    public enum Route {
        /** One recipient with an account here: into its Inbox. */
        LOCAL,
        /** Recipients elsewhere: through the smarthost. */
        SMARTHOST
    }
}
