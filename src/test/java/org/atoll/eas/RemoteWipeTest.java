package org.atoll.eas;

import static org.assertj.core.api.Assertions.assertThat;

import org.atoll.account.AccountView;
import org.atoll.account.Accounts;
import org.atoll.device.AccessState;
import org.atoll.device.Devices;
import org.atoll.device.WipeState;
import org.atoll.support.AtollTest;
import org.atoll.support.EasDevice;
import org.atoll.support.TestAccounts;
import org.atoll.wbxml.CodePage;
import org.atoll.wbxml.WbxmlElement;
import org.atoll.wbxml.WbxmlEncoder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Remote wipe (MS-ASPROV 3.1.5.2): requested, sent in Provision, acknowledged, re-sent after a failure. */
@AtollTest
class RemoteWipeTest {

    static final CodePage P = CodePage.PROVISION;

    @LocalServerPort
    int port;

    @Autowired
    Accounts accounts;

    @Autowired
    Devices devices;

    AccountView account;
    EasDevice phone;

    @BeforeEach
    void provisionedPhone() throws Exception {
        account = TestAccounts.open(accounts, "wiped");
        phone = new EasDevice(port, account.address(), "correct horse battery", "LostPhone").provision();
    }

    static WbxmlElement policyRequest() {
        return WbxmlElement.of(P, "Provision")
                .add(WbxmlElement.of(P, "Policies")
                        .add(WbxmlElement.of(P, "Policy").add("PolicyType", "MS-EAS-Provisioning-WBXML")));
    }

    static WbxmlElement wipeAcknowledgement(String status) {
        return WbxmlElement.of(P, "Provision")
                .add(WbxmlElement.of(P, "RemoteWipe").add("Status", status));
    }

    @Test
    void wipedDeviceShouldGetOnlyTheWipeAndItsAcknowledgementBeRecorded() throws Exception {
        devices.requestWipe(account.id(), "LostPhone", "admin@example.test");

        assertThat(phone.folderSync("0").text("Status")).hasValue("140");
        WbxmlElement wipe = phone.send("Provision", policyRequest());
        assertThat(wipe.text("Status")).hasValue("1");
        assertThat(wipe.child("RemoteWipe")).isPresent();
        assertThat(wipe.child("Policies")).isEmpty();
        assertThat(devices.wipe(account.id(), "LostPhone").orElseThrow().state())
                .isEqualTo(WipeState.SENT);

        assertThat(phone.send("Provision", wipeAcknowledgement("1")).text("Status"))
                .hasValue("1");

        Devices.WipeRecord record = devices.wipe(account.id(), "LostPhone").orElseThrow();
        assertThat(record.state()).isEqualTo(WipeState.ACKNOWLEDGED);
        assertThat(record.requestedBy()).isEqualTo("admin@example.test");
        assertThat(record.requestedAt()).isNotNull();
        assertThat(record.sentAt()).isNotNull();
        assertThat(record.acknowledgedAt()).isNotNull();
    }

    @Test
    void failedWipeShouldBeSentAgain() throws Exception {
        devices.requestWipe(account.id(), "LostPhone", "admin@example.test");
        phone.send("Provision", policyRequest());

        phone.send("Provision", wipeAcknowledgement("2"));

        Devices.WipeRecord record = devices.wipe(account.id(), "LostPhone").orElseThrow();
        assertThat(record.state()).isEqualTo(WipeState.PENDING);
        assertThat(record.failedAt()).isNotNull();
        assertThat(phone.send("Provision", policyRequest()).child("RemoteWipe")).isPresent();
    }

    @Test
    void blockedDeviceShouldStillReceiveItsWipe() throws Exception {
        devices.setAccess(account.id(), "LostPhone", AccessState.BLOCKED, "Stolen");
        devices.requestWipe(account.id(), "LostPhone", "admin@example.test");

        assertThat(phone.send("Provision", policyRequest()).child("RemoteWipe")).isPresent();
    }

    @Test
    void otherDevicesOfTheAccountShouldSyncOn() throws Exception {
        EasDevice tablet = new EasDevice(port, account.address(), "correct horse battery", "KeptTablet").provision();
        devices.requestWipe(account.id(), "LostPhone", "admin@example.test");

        assertThat(tablet.folderSync("0").text("Status")).hasValue("1");
    }

    @Test
    void deviceOfADisabledAccountShouldStillReceiveItsWipeAndNothingElse() throws Exception {
        EasDevice tablet = new EasDevice(port, account.address(), "correct horse battery", "KeptTablet").provision();
        devices.requestWipe(account.id(), "LostPhone", "admin@example.test");
        accounts.setEnabled(account.id(), false);

        assertThat(phone.send("Provision", policyRequest()).child("RemoteWipe")).isPresent();
        assertThat(phone.send("Provision", wipeAcknowledgement("1")).text("Status"))
                .hasValue("1");
        assertThat(devices.wipe(account.id(), "LostPhone").orElseThrow().state())
                .isEqualTo(WipeState.ACKNOWLEDGED);
        assertThat(phone.post("FolderSync", new WbxmlEncoder().encode(folderSyncKey0()))
                        .statusCode())
                .isEqualTo(403);
        assertThat(tablet.post("FolderSync", new WbxmlEncoder().encode(folderSyncKey0()))
                        .statusCode())
                .isEqualTo(403);
    }

    static WbxmlElement folderSyncKey0() {
        return WbxmlElement.of(CodePage.FOLDER_HIERARCHY, "FolderSync").add("SyncKey", "0");
    }
}
