package org.atoll.eas;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.http.HttpResponse;
import org.atoll.account.AccountView;
import org.atoll.account.Accounts;
import org.atoll.device.DeviceProperties;
import org.atoll.device.Devices;
import org.atoll.device.MobilePolicies;
import org.atoll.device.PolicySettings;
import org.atoll.device.Provisioning;
import org.atoll.shared.Actor;
import org.atoll.support.ApiClient;
import org.atoll.support.AtollTest;
import org.atoll.support.EasDevice;
import org.atoll.support.TestAccounts;
import org.atoll.wbxml.CodePage;
import org.atoll.wbxml.WbxmlDecoder;
import org.atoll.wbxml.WbxmlElement;
import org.atoll.wbxml.WbxmlEncoder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The two-phase Provision of MS-ASPROV 3.1.5.1 over real HTTP with WBXML bytes. */
@AtollTest
class ProvisionTest {

    static final CodePage P = CodePage.PROVISION;

    @LocalServerPort
    int port;

    @Autowired
    Accounts accounts;

    @Autowired
    Provisioning provisioning;

    @Autowired
    Devices devices;

    @Autowired
    DeviceProperties properties;

    AccountView account;
    EasDevice device;

    @BeforeEach
    void openAccount() {
        account = TestAccounts.open(accounts, "provisioned");
        device = new EasDevice(port, account.address(), "correct horse battery", "ApplPROV0001");
    }

    HttpResponse<byte[]> provision(byte[] body) throws Exception {
        return device.post("Provision", body);
    }

    static byte[] vector(String name) throws Exception {
        try (InputStream in = ProvisionTest.class.getResourceAsStream("/wbxml-vectors/" + name)) {
            return in.readAllBytes();
        }
    }

    static WbxmlElement decode(HttpResponse<byte[]> response) throws Exception {
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/vnd.ms-sync.wbxml");
        return new WbxmlDecoder().decode(response.body());
    }

    static WbxmlElement policyOf(WbxmlElement response) {
        return response.child("Policies").orElseThrow().child("Policy").orElseThrow();
    }

    static byte[] acknowledgement(String key) {
        return new WbxmlEncoder()
                .encode(WbxmlElement.of(P, "Provision")
                        .add(WbxmlElement.of(P, "Policies")
                                .add(WbxmlElement.of(P, "Policy")
                                        .add("PolicyType", "MS-EAS-Provisioning-WBXML")
                                        .add("PolicyKey", key)
                                        .add("Status", "1"))));
    }

    @Test
    void deviceShouldGetThePolicyWithATemporaryKeyThenTheFinalKeyOnAcknowledgement() throws Exception {
        WbxmlElement offered = decode(provision(vector("provision-request-14.1.wbxml")));

        assertThat(offered.text("Status")).hasValue("1");
        WbxmlElement policy = policyOf(offered);
        assertThat(policy.text("Status")).hasValue("1");
        assertThat(policy.text("PolicyType")).hasValue("MS-EAS-Provisioning-WBXML");
        String temporary = policy.text("PolicyKey").orElseThrow();
        WbxmlElement doc =
                policy.child("Data").orElseThrow().child("EASProvisionDoc").orElseThrow();
        assertThat(doc.text("DevicePasswordEnabled")).hasValue("1");
        assertThat(doc.text("MinDevicePasswordLength")).hasValue("6");
        assertThat(doc.text("MaxAttachmentSize")).hasValue("10485760");
        assertThat(provisioning.policyKey(account.id(), "ApplPROV0001")).isEmpty();
        assertThat(devices.information(account.id(), "ApplPROV0001")).hasValueSatisfying(information -> {
            assertThat(information.model()).isEqualTo("iPhone15,2");
            assertThat(information.imei()).isEqualTo("356938035643809");
            assertThat(information.friendlyName()).isEqualTo("Ana phone");
        });

        WbxmlElement acknowledged = decode(provision(acknowledgement(temporary)));

        WbxmlElement finalPolicy = policyOf(acknowledged);
        assertThat(finalPolicy.text("Status")).hasValue("1");
        String finalKey = finalPolicy.text("PolicyKey").orElseThrow();
        assertThat(finalKey).isNotEqualTo(temporary);
        assertThat(finalPolicy.child("Data")).isEmpty();
        assertThat(provisioning.policyKey(account.id(), "ApplPROV0001")).contains(Long.parseLong(finalKey));
    }

    static byte[] acknowledgement(String key, String applied) {
        return new WbxmlEncoder()
                .encode(WbxmlElement.of(P, "Provision")
                        .add(WbxmlElement.of(P, "Policies")
                                .add(WbxmlElement.of(P, "Policy")
                                        .add("PolicyType", "MS-EAS-Provisioning-WBXML")
                                        .add("PolicyKey", key)
                                        .add("Status", applied))));
    }

    /** An Android phone that cannot enforce every rule answers with Status 2: applied in part (MS-ASPROV 3.1.5.2). */
    @Nested
    class PartlyApplied {

        @Autowired
        MobilePolicies policies;

        String offered() throws Exception {
            return policyOf(decode(provision(vector("provision-request-14.1.wbxml"))))
                    .text("PolicyKey")
                    .orElseThrow();
        }

        /** What the device's owner reads of it through the REST API. */
        boolean recordedPartly() {
            long id = devices.find(account.id(), "ApplPROV0001").orElseThrow().id();
            ApiClient.Reply device = ApiClient.basic(port, account.address(), "correct horse battery")
                    .get("/api/v1/devices/" + id);
            assertThat(device.status()).isEqualTo(200);
            return device.json().get("policy").get("partlyApplied").asBoolean();
        }

        void assignPolicy(boolean allowNonProvisionable) {
            var policy = policies.create(
                    new PolicySettings(
                            "partly-" + account.id(),
                            true,
                            4,
                            false,
                            null,
                            null,
                            false,
                            null,
                            allowNonProvisionable,
                            false),
                    Actor.SYSTEM);
            policies.assign(account.id(), policy.policy().id(), Actor.SYSTEM);
        }

        @Test
        void policyThatDoesNotAllowItShouldAnswer139AndIssueNoKey() throws Exception {
            assignPolicy(false);
            String temporary = offered();

            WbxmlElement response = decode(provision(acknowledgement(temporary, "2")));

            assertThat(response.text("Status")).hasValue("139");
            assertThat(response.child("Policies")).isEmpty();
            assertThat(provisioning.policyKey(account.id(), "ApplPROV0001")).isEmpty();
            assertThat(device.folderSync("0").text("Status")).hasValue("142");
        }

        @Test
        void policyThatAllowsItShouldIssueTheKeyAndRecordThePartlyAppliedPolicy() throws Exception {
            assignPolicy(true);
            String temporary = offered();

            WbxmlElement response = decode(provision(acknowledgement(temporary, "2")));

            assertThat(response.text("Status")).hasValue("1");
            String finalKey = policyOf(response).text("PolicyKey").orElseThrow();
            assertThat(provisioning.policyKey(account.id(), "ApplPROV0001")).contains(Long.parseLong(finalKey));
            assertThat(recordedPartly()).isTrue();
            device.usePolicyKey(Long.parseLong(finalKey));
            assertThat(device.folderSync("0").text("Status")).hasValue("1");
        }

        @Test
        void fullyAppliedPolicyShouldBeRecordedAsSuch() throws Exception {
            decode(provision(acknowledgement(offered(), "1")));

            assertThat(recordedPartly()).isFalse();
        }
    }

    @Test
    void acknowledgingAKeyThatWasNotOfferedShouldGetPolicyStatus5() throws Exception {
        decode(provision(vector("provision-request-14.1.wbxml")));

        WbxmlElement response = decode(provision(vector("provision-ack.wbxml")));

        assertThat(policyOf(response).text("Status")).hasValue("5");
        assertThat(policyOf(response).text("PolicyKey")).isEmpty();
        assertThat(provisioning.policyKey(account.id(), "ApplPROV0001")).isEmpty();
    }

    @Test
    void theTemporaryKeyShouldBeAcknowledgedOnlyOnce() throws Exception {
        String temporary = policyOf(decode(provision(vector("provision-request-14.1.wbxml"))))
                .text("PolicyKey")
                .orElseThrow();
        decode(provision(acknowledgement(temporary)));

        assertThat(policyOf(decode(provision(acknowledgement(temporary)))).text("Status"))
                .hasValue("5");
    }

    @Test
    void unknownPolicyTypeShouldGetPolicyStatus3() throws Exception {
        byte[] body = new WbxmlEncoder()
                .encode(WbxmlElement.of(P, "Provision")
                        .add(WbxmlElement.of(P, "Policies")
                                .add(WbxmlElement.of(P, "Policy").add("PolicyType", "MS-WAP-Provisioning-XML"))));

        assertThat(policyOf(decode(provision(body))).text("Status")).hasValue("3");
    }

    @Test
    void requestWithoutPoliciesShouldGetProvisionStatus2() throws Exception {
        byte[] body = new WbxmlEncoder().encode(WbxmlElement.of(P, "Provision"));

        assertThat(decode(provision(body)).text("Status")).hasValue("2");
    }

    @Test
    void malformedWbxmlShouldGet400AndChangeNothing() throws Exception {
        HttpResponse<byte[]> response = provision(new byte[] {0x03, 0x01, 0x6A, 0x00, 0x00, 0x0E, 0x45, 0x46});

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(provisioning.policyKey(account.id(), "ApplPROV0001")).isEmpty();
    }

    @Test
    void protocol12_1DeviceShouldBeSentToProvisionWithHttp449ThenSync() throws Exception {
        EasDevice old = new EasDevice(port, account.address(), "correct horse battery", "OldPhone121", "12.1");
        byte[] key0 = new WbxmlEncoder()
                .encode(WbxmlElement.of(CodePage.FOLDER_HIERARCHY, "FolderSync").add("SyncKey", "0"));

        assertThat(old.post("FolderSync", key0).statusCode()).isEqualTo(449);
        old.provision();
        assertThat(old.folderSync("0").text("Status")).hasValue("1");
        old.usePolicyKey(old.policyKey() ^ 1);
        assertThat(old.post("FolderSync", key0).statusCode()).isEqualTo(449);
    }

    @Test
    void deviceBeyondTheAccountsLimitShouldGetStatus177() throws Exception {
        for (int i = 0; i < properties.maxPerAccount(); i++) {
            devices.seen(account.id(), "Filler" + i, "Android", null, "14.1");
        }
        EasDevice extra = new EasDevice(port, account.address(), "correct horse battery", "OneTooMany");

        WbxmlElement response = decode(extra.post("Provision", vector("provision-request-14.1.wbxml")));

        assertThat(response.text("Status")).hasValue("177");
        assertThat(devices.find(account.id(), "OneTooMany")).isEmpty();
    }
}
