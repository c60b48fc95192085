package org.atoll.eas;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.atoll.account.AccountView;
import org.atoll.account.Accounts;
import org.atoll.account.NewAccount;
import org.atoll.device.Devices;
import org.atoll.support.AtollTest;
import org.atoll.support.TestAccounts;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The request line rules of MS-ASHTTP 2.2.1.1 at /Microsoft-Server-ActiveSync, over real HTTP. */
@AtollTest
class EasTransportTest {

    @LocalServerPort
    int port;

    @Autowired
    Accounts accounts;

    @Autowired
    Devices devices;

    final HttpClient http = HttpClient.newHttpClient();
    AccountView account;
    String authorization;

    @BeforeEach
    void openAccount() {
        account = TestAccounts.open(accounts, "device-owner");
        authorization = basic(account.address(), "correct horse battery");
    }

    static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    HttpResponse<String> post(String query, String version, byte[] body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/Microsoft-Server-ActiveSync?" + query))
                .header("Authorization", authorization)
                .header("Content-Type", "application/vnd.ms-sync.wbxml")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (version != null) {
            request.header("MS-ASProtocolVersion", version);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    String query(String command, String user) {
        return "Cmd=" + command + "&User=" + user + "&DeviceId=ApplDNQX1234&DeviceType=iPhone";
    }

    @Test
    void optionsShouldAdvertiseTheServedVersionsAndOnlyServedCommands_MsAshttp_2_2_2() throws Exception {
        HttpResponse<String> options = http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/Microsoft-Server-ActiveSync"))
                        .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                        .header("Authorization", authorization)
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(options.statusCode()).isEqualTo(200);
        assertThat(options.headers().firstValue("MS-ASProtocolVersions")).hasValue("12.1,14.0,14.1,16.0,16.1");
        assertThat(options.headers().firstValue("MS-ASProtocolCommands"))
                .hasValue("Sync,SendMail,SmartForward,SmartReply,GetAttachment,FolderSync,FolderCreate,FolderDelete,"
                        + "FolderUpdate,MoveItems,GetItemEstimate,MeetingResponse,Search,Settings,Ping,ItemOperations,"
                        + "Provision,"
                        + "ResolveRecipients,ValidateCert,Find");
    }

    @Test
    void optionsShouldNeedCredentials() throws Exception {
        HttpResponse<String> options = http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/Microsoft-Server-ActiveSync"))
                        .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(options.statusCode()).isEqualTo(401);
    }

    @Test
    void firstRequestShouldRegisterTheDeviceWithWhatItReports() throws Exception {
        post(query("FolderSync", account.address()), "14.1", new byte[0]);

        assertThat(devices.find(account.id(), "ApplDNQX1234")).hasValueSatisfying(device -> {
            assertThat(device.deviceType()).isEqualTo("iPhone");
            assertThat(device.protocolVersion()).isEqualTo("14.1");
        });
    }

    @Test
    void refusedRequestShouldRegisterNoDevice() throws Exception {
        AccountView other = TestAccounts.open(accounts, "bystander");
        post(query("FolderSync", other.address()), "14.1", new byte[0]);

        assertThat(devices.of(account.id())).isEmpty();
        assertThat(devices.of(other.id())).isEmpty();
    }

    @Test
    void userParameterNamingAnotherAccountShouldBeRefused() throws Exception {
        AccountView other = TestAccounts.open(accounts, "victim");

        HttpResponse<String> response = post(query("FolderSync", other.address()), "14.1", new byte[0]);

        assertThat(response.statusCode()).isEqualTo(403);
    }

    @Test
    void userParameterInDomainFormShouldNameTheSignedInAccount() throws Exception {
        String local = "winphone-" + System.nanoTime();
        accounts.create(NewAccount.user(local + "@example.test", "correct horse battery"));
        authorization = basic("EXAMPLE\\" + local, "correct horse battery");

        HttpResponse<String> response = post(query("Find", "EXAMPLE%5C" + local), "14.1", new byte[0]);

        assertThat(response.statusCode())
                .as("past the User check to the command, which 14.1 does not have")
                .isEqualTo(501);
    }

    @Test
    void malformedRequestLinesShouldGet400() throws Exception {
        assertThat(post("Cmd=FolderSync&User=x&DeviceType=iPhone", "14.1", new byte[0])
                        .statusCode())
                .isEqualTo(400);
        assertThat(post(query("FolderSync", account.address()), null, new byte[0])
                        .statusCode())
                .isEqualTo(400);
        assertThat(post(query("FolderSync", "%C3%28"), "14.1", new byte[0]).statusCode())
                .isEqualTo(400);
        assertThat(post("jAAJBAp2MTQwRGV2aWNl", null, new byte[0]).statusCode()).isEqualTo(400);
    }

    @Test
    void unsupportedProtocolVersionShouldGet400() throws Exception {
        assertThat(post(query("FolderSync", account.address()), "2.5", new byte[0])
                        .statusCode())
                .isEqualTo(400);
    }

    @Test
    void unknownCommandShouldGet501() throws Exception {
        HttpResponse<String> response = post(query("Frobnicate", account.address()), "14.1", new byte[0]);

        assertThat(response.statusCode()).isEqualTo(501);
        assertThat(response.headers().firstValue("MS-Server-ActiveSync")).isPresent();
    }

    @Test
    void base64RequestLineShouldBeUnderstood_MsAshttp_2_2_1_1_1_1() throws Exception {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        line.write(141);
        line.write(23);
        line.writeBytes(new byte[] {0x09, 0x04});
        byte[] deviceId = "ApplDNQX1234".getBytes(StandardCharsets.US_ASCII);
        line.write(deviceId.length);
        line.writeBytes(deviceId);
        line.write(0);
        byte[] deviceType = "iPhone".getBytes(StandardCharsets.US_ASCII);
        line.write(deviceType.length);
        line.writeBytes(deviceType);
        String encoded = Base64.getEncoder().encodeToString(line.toByteArray());

        HttpResponse<String> response = post(encoded, null, new byte[0]);

        assertThat(response.statusCode()).isEqualTo(501);
        assertThat(response.body()).contains("Find is not part of protocol 14.1");
    }

    @Test
    void bodyOverTheConfiguredCapShouldGet413() throws Exception {
        HttpResponse<String> response = post(query("Sync", account.address()), "14.1", new byte[1024 * 1024 + 1]);

        assertThat(response.statusCode()).isEqualTo(413);
    }
}
