package org.atoll.push.internal;

import org.atoll.mailbox.MailboxChanged;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Announces every mailbox change to all nodes with {@code NOTIFY}, inside the transaction that makes the change:
 * PostgreSQL delivers the notification only when that transaction commits, and never for one that rolls back.
 */
@Component
class ChangeAnnouncer {

    private final JdbcClient jdbc;

    ChangeAnnouncer(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @EventListener
    void on(MailboxChanged change) {
        jdbc.sql("SELECT pg_notify(?, ?)")
                .params(Channels.MAILBOX, Long.toString(change.accountId()))
                .query()
                .listOfRows();
    }
}
