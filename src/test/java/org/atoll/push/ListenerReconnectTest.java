package org.atoll.push;

import static org.assertj.core.api.Assertions.assertThat;
import static org.atoll.support.PingBodies.changed;
import static org.atoll.support.PingBodies.ping;
import static org.atoll.support.Waiting.result;

import java.util.concurrent.CompletableFuture;
import org.atoll.account.AccountView;
import org.atoll.account.Accounts;
import org.atoll.device.Devices;
import org.atoll.mailbox.Mailboxes;
import org.atoll.mailbox.SystemFolder;
import org.atoll.push.internal.ChangeListener;
import org.atoll.support.AtollTest;
import org.atoll.support.EasDevice;
import org.atoll.support.MailClient;
import org.atoll.support.Mime;
import org.atoll.support.TestAccounts;
import org.atoll.support.Waiting;
import org.atoll.wbxml.WbxmlElement;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The listening connection dies (its backend is terminated, as a database restart or a network cut would end it)
 * and a change commits before anyone listens again: the parked Ping still wakes, because after reconnecting the
 * node re-checks every parked request against the journal.
 */
@AtollTest
class ListenerReconnectTest {

    @LocalServerPort
    int port;

    @Autowired
    Accounts accounts;

    @Autowired
    Mailboxes mailboxes;

    @Autowired
    Devices devices;

    @Autowired
    Parking parking;

    @Autowired
    ChangeListener listener;

    @Autowired
    JdbcClient jdbc;

    @Test
    void changeCommittedWhileTheListenerIsDownShouldStillWakeTheParkedPing() throws Exception {
        AccountView account = TestAccounts.open(accounts, "reconnect");
        long inbox = mailboxes.systemFolder(account.id(), SystemFolder.INBOX).id();
        MailClient phone = new MailClient(
                new EasDevice(port, account.address(), "correct horse battery", "Reconnect").provision());
        phone.device().folderSync("0");
        phone.syncFully(inbox, 10);
        CompletableFuture<WbxmlElement> parked = phone.device().sendAsync("Ping", ping(600, inbox));
        long devicePk = devices.find(account.id(), "Reconnect").orElseThrow().id();
        Waiting.until("the Ping is parked", () -> parking.isParked(account.id(), devicePk));

        Boolean terminated = jdbc.sql("SELECT bool_or(pg_terminate_backend(pid)) FROM pg_stat_activity"
                        + " WHERE application_name = ?")
                .param(listener.applicationName())
                .query(Boolean.class)
                .single();
        assertThat(terminated)
                .as("the listening backend was found and terminated")
                .isTrue();
        mailboxes.deliver(account.id(), inbox, Mime.message("While nobody listened"), null);

        WbxmlElement response = result(parked);
        assertThat(response.text("Status")).hasValue("2");
        assertThat(changed(response)).containsExactly(Long.toString(inbox));
    }
}
