package org.atoll.eas;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import org.atoll.account.AccountView;
import org.atoll.account.Accounts;
import org.atoll.device.Devices;
import org.atoll.support.AtollTest;
import org.atoll.support.EasDevice;
import org.atoll.support.TestAccounts;
import org.atoll.wbxml.CodePage;
import org.atoll.wbxml.WbxmlDecoder;
import org.atoll.wbxml.WbxmlElement;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Settings (MS-ASCMD 2.2.1.18) over real HTTP and WBXML. */
@AtollTest
class SettingsTest {

    static final CodePage S = CodePage.SETTINGS;

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
        account = TestAccounts.open(accounts, "settings");
        phone = new EasDevice(port, account.address(), "correct horse battery", "SettingsPhone").provision();
    }

    @Test
    void deviceInformationShouldBeStoredOnTheDevice() throws Exception {
        WbxmlElement response = phone.send(
                "Settings",
                WbxmlElement.of(S, "Settings")
                        .add(WbxmlElement.of(S, "DeviceInformation")
                                .add(WbxmlElement.of(S, "Set")
                                        .add("Model", "Pixel 9")
                                        .add("OS", "Android 16")
                                        .add("OSLanguage", "de")
                                        .add("FriendlyName", "Bo's phone")
                                        .add("MobileOperator", "Example Mobile"))));

        assertThat(response.text("Status")).hasValue("1");
        assertThat(response.child("DeviceInformation").orElseThrow().text("Status"))
                .hasValue("1");
        assertThat(devices.information(account.id(), "SettingsPhone")).hasValueSatisfying(information -> {
            assertThat(information.model()).isEqualTo("Pixel 9");
            assertThat(information.os()).isEqualTo("Android 16");
            assertThat(information.friendlyName()).isEqualTo("Bo's phone");
            assertThat(information.mobileOperator()).isEqualTo("Example Mobile");
        });
    }

    @Test
    void userInformationShouldNameTheAccountsAddressAndOutOfOfficeShouldBeOff() throws Exception {
        byte[] vector;
        try (InputStream in = getClass().getResourceAsStream("/wbxml-vectors/settings-request.wbxml")) {
            vector = in.readAllBytes();
        }

        WbxmlElement response =
                new WbxmlDecoder().decode(phone.post("Settings", vector).body());

        assertThat(response.text("Status")).hasValue("1");
        WbxmlElement userAccount = response.child("UserInformation")
                .orElseThrow()
                .child("Get")
                .orElseThrow()
                .child("Accounts")
                .orElseThrow()
                .child("Account")
                .orElseThrow();
        assertThat(userAccount.child("EmailAddresses").orElseThrow().text("PrimarySmtpAddress"))
                .hasValue(account.address());
        WbxmlElement oof = response.child("Oof").orElseThrow();
        assertThat(oof.text("Status")).hasValue("1");
        assertThat(oof.child("Get").orElseThrow().text("OofState")).hasValue("0");
    }

    @Test
    void settingsBeforeProvisionShouldGetStatus142() throws Exception {
        EasDevice fresh = new EasDevice(port, account.address(), "correct horse battery", "FreshPhone");

        assertThat(fresh.send("Settings", WbxmlElement.of(S, "Settings")).text("Status"))
                .hasValue("142");
    }
}
