package org.atoll.push;

import static org.assertj.core.api.Assertions.assertThat;
import static org.atoll.support.PingBodies.changed;
import static org.atoll.support.PingBodies.ping;
import static org.atoll.support.Waiting.result;

import com.zaxxer.hikari.HikariDataSource;
import java.util.concurrent.CompletableFuture;
import javax.sql.DataSource;
import org.atoll.AtollApplication;
import org.atoll.account.AccountView;
import org.atoll.account.Accounts;
import org.atoll.device.Devices;
import org.atoll.mailbox.Mailboxes;
import org.atoll.mailbox.SystemFolder;
import org.atoll.support.AtollTest;
import org.atoll.support.EasDevice;
import org.atoll.support.MailClient;
import org.atoll.support.Mime;
import org.atoll.support.TestAccounts;
import org.atoll.support.Waiting;
import org.atoll.wbxml.WbxmlElement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Two server nodes on one database: node 1 is the test's application context, node 2 a second one on a random
 * port, given node 1's datasource URL. They share nothing but PostgreSQL, as nodes behind a load balancer do.
 */
@AtollTest
class TwoNodesTest {

    private static ConfigurableApplicationContext node2;

    @LocalServerPort
    int port1;

    @Autowired
    DataSource dataSource;

    @Autowired
    Accounts accounts;

    @Autowired
    Mailboxes mailboxes;

    @Autowired
    Devices devices;

    AccountView account;
    long inbox;

    @BeforeEach
    void nodes() throws Exception {
        if (node2 == null) {
            HikariDataSource hikari = dataSource.unwrap(HikariDataSource.class);
            node2 = new SpringApplicationBuilder(AtollApplication.class)
                    .run(
                            "--spring.profiles.active=test",
                            "--server.port=0",
                            "--spring.datasource.url=" + hikari.getJdbcUrl(),
                            "--spring.datasource.username=" + hikari.getUsername(),
                            "--spring.datasource.password="
                                    + (hikari.getPassword() == null ? "" : hikari.getPassword()));
        }
        account = TestAccounts.open(accounts, "nodes");
        inbox = mailboxes.systemFolder(account.id(), SystemFolder.INBOX).id();
    }

    @AfterAll
    static void stopNode2() {
        if (node2 != null) {
            node2.close();
            node2 = null;
        }
    }

    int port2() {
        return ((WebServerApplicationContext) node2).getWebServer().getPort();
    }

    MailClient ready(int port, String deviceId) throws Exception {
        MailClient client =
                new MailClient(new EasDevice(port, account.address(), "correct horse battery", deviceId).provision());
        client.device().folderSync("0");
        client.syncFully(inbox, 10);
        return client;
    }

    void awaitParkedOnNode2(String deviceId) throws InterruptedException {
        long devicePk = devices.find(account.id(), deviceId).orElseThrow().id();
        Parking parking = node2.getBean(Parking.class);
        Waiting.until(deviceId + " is parked on node 2", () -> parking.isParked(account.id(), devicePk));
    }

    @Test
    void changeMadeThroughNode1ShouldWakeAPingParkedOnNode2() throws Exception {
        MailClient phone = ready(port2(), "OnNode2");
        CompletableFuture<WbxmlElement> parked = phone.device().sendAsync("Ping", ping(600, inbox));
        awaitParkedOnNode2("OnNode2");

        mailboxes.deliver(account.id(), inbox, Mime.message("Committed on node 1"), null);

        WbxmlElement response = result(parked);
        assertThat(response.text("Status")).hasValue("2");
        assertThat(changed(response)).containsExactly(Long.toString(inbox));
    }

    @Test
    void newerPingOnNode1ShouldEndTheOlderPingParkedOnNode2() throws Exception {
        MailClient onNode2 = ready(port2(), "Roaming");
        CompletableFuture<WbxmlElement> older = onNode2.device().sendAsync("Ping", ping(600, inbox));
        awaitParkedOnNode2("Roaming");
        EasDevice onNode1 = new EasDevice(port1, account.address(), "correct horse battery", "Roaming");
        onNode1.usePolicyKey(onNode2.device().policyKey());

        CompletableFuture<WbxmlElement> newer = onNode1.sendAsync("Ping", ping(600, inbox));

        assertThat(result(older).text("Status")).hasValue("1");
        mailboxes.deliver(account.id(), inbox, Mime.message("For the newer Ping"), null);
        assertThat(result(newer).text("Status")).hasValue("2");
    }
}
