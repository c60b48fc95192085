package org.atoll.eas;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import org.atoll.account.AccountView;
import org.atoll.account.Accounts;
import org.atoll.device.Devices;
import org.atoll.support.AtollTest;
import org.atoll.support.EasDevice;
import org.atoll.support.TestAccounts;
import org.atoll.sync.FolderSyncs;
import org.atoll.wbxml.CodePage;
import org.atoll.wbxml.WbxmlElement;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Hostile WBXML bodies at the HTTP level: each gets 400, and the device's sync state stays as it was. */
@AtollTest
class HostileRequestsTest {

    @LocalServerPort
    int port;

    @Autowired
    Accounts accounts;

    @Autowired
    Devices devices;

    @Autowired
    FolderSyncs folderSyncs;

    AccountView account;
    EasDevice phone;
    String key;

    @BeforeEach
    void syncedPhone() throws Exception {
        account = TestAccounts.open(accounts, "hostile");
        phone = new EasDevice(port, account.address(), "correct horse battery", "HostilePhone").provision();
        key = phone.folderSync("0").text("SyncKey").orElseThrow();
    }

    /** The FolderSync header and page switch, then whatever the attack needs. */
    static byte[] folderSync(byte[]... rest) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {0x03, 0x01, 0x6A, 0x00, 0x00, 0x07});
        for (byte[] part : rest) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    void assertRefusedAndNothingChanged(byte[] body) throws Exception {
        assertThat(phone.post("FolderSync", body).statusCode()).isEqualTo(400);
        long devicePk = devices.find(account.id(), "HostilePhone").orElseThrow().id();
        assertThat(folderSyncs.isCurrent(account.id(), devicePk, Long.parseLong(key)))
                .isTrue();
        assertThat(phone.folderSync(key).text("Status")).hasValue("1");
    }

    @Test
    void stringTableReferenceOutOfRangeShouldGet400() throws Exception {
        byte[] body = {0x03, 0x01, 0x6A, 0x02, 'a', 0x00, 0x00, 0x07, 0x56, 0x52, (byte) 0x83, 0x10, 0x01, 0x01};
        assertRefusedAndNothingChanged(body);
    }

    @Test
    void tenThousandNestedTagsShouldGet400() throws Exception {
        byte[] open = new byte[10_000];
        java.util.Arrays.fill(open, (byte) 0x56);
        assertRefusedAndNothingChanged(folderSync(open));
    }

    @Test
    void sixByteMultiByteIntegerShouldGet400() throws Exception {
        byte[] body = {0x03, (byte) 0x81, (byte) 0x81, (byte) 0x81, (byte) 0x81, (byte) 0x81, 0x01, 0x6A, 0x00};
        assertRefusedAndNothingChanged(body);
    }

    @Test
    void truncatedBodyShouldGet400() throws Exception {
        assertRefusedAndNothingChanged(folderSync(new byte[] {0x56, 0x52, 0x03, '1'}));
    }

    @Test
    void twoGigabyteDeclaredLengthInATwentyByteBodyShouldGet400() throws Exception {
        byte[] body = folderSync(new byte[] {
            0x56, 0x52, (byte) 0xC3, (byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80, 0x00, 'x', 0x01, 0x01
        });
        assertThat(body.length).isLessThanOrEqualTo(20);
        assertRefusedAndNothingChanged(body);
    }

    @Test
    void documentOfAnotherCommandShouldGetTheCommandsProtocolStatus() throws Exception {
        WbxmlElement wrongRoot = WbxmlElement.of(CodePage.PROVISION, "Provision");
        assertThat(phone.send("FolderSync", wrongRoot).text("Status")).hasValue("10");
    }
}
