package org.atoll.eas;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.atoll.account.AccountView;
import org.atoll.account.Accounts;
import org.atoll.device.Devices;
import org.atoll.support.AtollTest;
import org.atoll.support.EasDevice;
import org.atoll.support.TestAccounts;
import org.atoll.wbxml.CodePage;
import org.atoll.wbxml.WbxmlDecoder;
import org.atoll.wbxml.WbxmlElement;
import org.atoll.wbxml.WbxmlEncoder;
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
    void controlCharactersShouldBeDroppedFromWhatTheDeviceReports() throws Exception {
        phone.send(
                "Settings",
                WbxmlElement.of(S, "Settings")
                        .add(WbxmlElement.of(S, "DeviceInformation")
                                .add(WbxmlElement.of(S, "Set")
                                        .add("Model", "Pixel\r\n9")
                                        .add("IMEI", "3512\u00070456")
                                        .add("FriendlyName", "Bo\u001b[2J's phone")
                                        .add("OS", "Android\t16\u0085")
                                        .add("OSLanguage", "\u007fde")
                                        .add("PhoneNumber", "+41\u202e123")
                                        .add("MobileOperator", "\r\n"))));

        assertThat(devices.information(account.id(), "SettingsPhone")).hasValueSatisfying(information -> {
            assertThat(information.model()).isEqualTo("Pixel 9");
            assertThat(information.imei()).isEqualTo("35120456");
            assertThat(information.friendlyName()).isEqualTo("Bo[2J's phone");
            assertThat(information.os()).isEqualTo("Android 16");
            assertThat(information.osLanguage()).isEqualTo("de");
            assertThat(information.phoneNumber()).isEqualTo("+41123");
            assertThat(information.mobileOperator()).isNull();
        });
    }

    /** MS-ASPROV 2.2.2.52: a 14.1 device reports itself in its first Provision request as well. */
    @Test
    void controlCharactersShouldBeDroppedFromWhatProvisionReports() throws Exception {
        EasDevice fresh = new EasDevice(port, account.address(), "correct horse battery", "SettingsFresh");
        fresh.send(
                "Provision",
                WbxmlElement.of(CodePage.PROVISION, "Provision")
                        .add(WbxmlElement.of(S, "DeviceInformation")
                                .add(WbxmlElement.of(S, "Set")
                                        .add("Model", "Galaxy\u001b]0;owned\u0007 S25")
                                        .add("FriendlyName", "line one\nline two")))
                        .add(WbxmlElement.of(CodePage.PROVISION, "Policies")
                                .add(WbxmlElement.of(CodePage.PROVISION, "Policy")
                                        .add("PolicyType", "MS-EAS-Provisioning-WBXML"))));

        assertThat(devices.information(account.id(), "SettingsFresh")).hasValueSatisfying(information -> {
            assertThat(information.model()).isEqualTo("Galaxy]0;owned S25");
            assertThat(information.friendlyName()).isEqualTo("line one line two");
        });
    }

    @Test
    void tabsInTheUserAgentShouldBeStoredAsSpaces() throws Exception {
        phone.withUserAgent("Agent/1.0\t\t(test)").folderSync("0");

        assertThat(devices.find(account.id(), "SettingsPhone").orElseThrow().userAgent())
                .isEqualTo("Agent/1.0 (test)");
    }

    /** A C1 control byte (0x9B, CSI) in the header is refused before any command runs, sent over a raw socket. */
    @Test
    void userAgentWithAControlByteShouldBeRefusedAndChangeNothing() throws Exception {
        String before =
                devices.find(account.id(), "SettingsPhone").orElseThrow().userAgent();
        byte[] agent = "Agent\u009b31m/1.0".getBytes(StandardCharsets.ISO_8859_1);

        assertThat(rawFolderSync(agent)).startsWith("HTTP/1.1 400");

        assertThat(devices.find(account.id(), "SettingsPhone").orElseThrow().userAgent())
                .isEqualTo(before);
    }

    private String rawFolderSync(byte[] userAgent) throws Exception {
        byte[] body = new WbxmlEncoder()
                .encode(WbxmlElement.of(CodePage.FOLDER_HIERARCHY, "FolderSync").add("SyncKey", "0"));
        String credentials = Base64.getEncoder()
                .encodeToString((account.address() + ":correct horse battery").getBytes(StandardCharsets.UTF_8));
        String head = "POST /Microsoft-Server-ActiveSync?Cmd=FolderSync&User=" + account.address()
                + "&DeviceId=SettingsPhone&DeviceType=SmartPhone HTTP/1.1\r\n"
                + "Host: 127.0.0.1\r\n"
                + "Authorization: Basic " + credentials + "\r\n"
                + "MS-ASProtocolVersion: 14.1\r\n"
                + "X-MS-PolicyKey: " + phone.policyKey() + "\r\n"
                + "Content-Type: application/vnd.ms-sync.wbxml\r\n"
                + "Content-Length: " + body.length + "\r\n"
                + "Connection: close\r\n"
                + "User-Agent: ";
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(60_000);
            OutputStream out = socket.getOutputStream();
            out.write(head.getBytes(StandardCharsets.ISO_8859_1));
            out.write(userAgent);
            out.write("\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            out.write(body);
            out.flush();
            byte[] response = socket.getInputStream().readAllBytes();
            String text = new String(response, StandardCharsets.ISO_8859_1);
            return text.substring(0, Math.max(0, text.indexOf("\r\n")));
        }
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
