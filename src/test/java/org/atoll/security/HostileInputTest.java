package org.atoll.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.atoll.account.Accounts;
import org.atoll.account.ApiTokens;
import org.atoll.device.Devices;
import org.atoll.mail.LmtpServer;
import org.atoll.mailbox.Mailboxes;
import org.atoll.support.AtollTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Attacks on a running server through every front end (ActiveSync, Autodiscover, the REST API, the actuator,
 * LMTP), one dynamic test per row of {@link Attacks}, each named for what it tries. Each must end in its safe
 * outcome, never in a 500, without revealing the victim's secrets, and with the victim's state (and, unless the row
 * says otherwise, the attacker's) exactly as before.
 */
@AtollTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileInputTest {

    @LocalServerPort
    int port;

    @Autowired
    Accounts accounts;

    @Autowired
    Mailboxes mailboxes;

    @Autowired
    Devices devices;

    @Autowired
    ApiTokens tokens;

    @Autowired
    LmtpServer lmtp;

    @Autowired
    JdbcClient jdbc;

    Arena arena;

    @BeforeAll
    void arena() throws Exception {
        arena = Arena.open(port, accounts, mailboxes, devices, tokens, lmtp, jdbc);
    }

    /** The floor for the suite, and names a reader of the report can tell apart. */
    @Test
    void suiteShouldHoldAtLeastFortyAttacksEachNamedOnce() {
        assertThat(Attacks.all().stream().map(Attack::displayName).toList())
                .hasSizeGreaterThanOrEqualTo(40)
                .doesNotHaveDuplicates();
    }

    @TestFactory
    Stream<DynamicTest> attacks() {
        return Attacks.all().stream()
                .map(attack -> DynamicTest.dynamicTest(attack.displayName(), () -> attack.run(arena)));
    }
}
