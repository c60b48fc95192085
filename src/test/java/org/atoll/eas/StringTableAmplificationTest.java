package org.atoll.eas;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.atoll.account.AccountView;
import org.atoll.account.Accounts;
import org.atoll.device.DeviceView;
import org.atoll.device.Devices;
import org.atoll.device.Provisioning;
import org.atoll.support.AtollTest;
import org.atoll.support.EasDevice;
import org.atoll.support.TestAccounts;
import org.atoll.wbxml.CodePage;
import org.atoll.wbxml.WbxmlElement;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A body that names one string-table entry over and over (WBXML 1.3 section 5.8.4.3) would decode to gigabytes;
 * the server decodes it before it looks at the PolicyKey, so a device that never provisioned gets 400 at once.
 */
@AtollTest
class StringTableAmplificationTest {

    private static final int ENTRY_BYTES = 30_000;
    private static final int ELEMENTS = 60;
    private static final int REFERENCES_PER_ELEMENT = 500;

    @LocalServerPort
    int port;

    @Autowired
    Accounts accounts;

    @Autowired
    Devices devices;

    @Autowired
    Provisioning provisioning;

    /**
     * A FolderSync whose string table holds one entry of 30,000 bytes, and 60 SyncKey elements naming it 500 times
     * each: about 90 KB on the wire, 900 MB of text once decoded.
     */
    static byte[] amplifyingFolderSync() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {0x03, 0x01, 0x6A});
        int tableLength = ENTRY_BYTES + 1;
        out.write(0x80 | (tableLength >> 14));
        out.write(0x80 | ((tableLength >> 7) & 0x7F));
        out.write(tableLength & 0x7F);
        out.writeBytes("x".repeat(ENTRY_BYTES).getBytes(StandardCharsets.US_ASCII));
        out.write(0x00);
        out.writeBytes(new byte[] {0x00, 0x07, 0x56});
        for (int e = 0; e < ELEMENTS; e++) {
            out.write(0x52);
            for (int r = 0; r < REFERENCES_PER_ELEMENT; r++) {
                out.writeBytes(new byte[] {(byte) 0x83, 0x00});
            }
            out.write(0x01);
        }
        out.write(0x01);
        return out.toByteArray();
    }

    @Test
    void unprovisionedDeviceNamingOneStringTableEntryNinetyThousandTimesOverShouldGet400AndChangeNothing()
            throws Exception {
        AccountView account = TestAccounts.open(accounts, "amplify");
        EasDevice phone = new EasDevice(port, account.address(), "correct horse battery", "AmplifyPhone");
        WbxmlElement refused = phone.send(
                "FolderSync",
                WbxmlElement.of(CodePage.FOLDER_HIERARCHY, "FolderSync").add("SyncKey", "0"));
        assertThat(refused.text("Status")).as("MS-ASCMD 2.2.2: not provisioned").hasValue("142");
        DeviceView before = devices.find(account.id(), "AmplifyPhone").orElseThrow();
        byte[] body = amplifyingFolderSync();
        assertThat(body.length).isBetween(85_000, 95_000);

        HttpResponse<byte[]> response = phone.post("FolderSync", body);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(new String(response.body(), StandardCharsets.UTF_8)).startsWith("Malformed WBXML");
        DeviceView after = devices.find(account.id(), "AmplifyPhone").orElseThrow();
        assertThat(after.accessState()).isEqualTo(before.accessState());
        assertThat(after.wipeState()).isEqualTo(before.wipeState());
        assertThat(after.protocolVersion()).isEqualTo(before.protocolVersion());
        assertThat(provisioning.policyKey(account.id(), "AmplifyPhone")).isEmpty();
        assertThat(phone.send(
                                "FolderSync",
                                WbxmlElement.of(CodePage.FOLDER_HIERARCHY, "FolderSync")
                                        .add("SyncKey", "0"))
                        .text("Status"))
                .hasValue("142");
    }
}
