package org.atoll.eas.request;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Plain queries (MS-ASHTTP 2.2.1.1.1.2) in the shapes phones send them. */
class PlainQueryTest {

    private final EasRequestParser parser = new EasRequestParser();

    @Test
    void iosFolderSyncShouldDecodeTheUserOnce() throws EasRequestException {
        EasRequest request = parser.parse(
                "Cmd=FolderSync&User=demo%40example.test&DeviceId=ApplABC123&DeviceType=iPhone",
                Wire.headers(Map.of("MS-ASProtocolVersion", "16.1", "X-MS-PolicyKey", "3141592653")));

        assertThat(request.command()).isEqualTo(EasCommand.FOLDER_SYNC);
        assertThat(request.user()).isEqualTo("demo@example.test");
        assertThat(request.deviceId()).isEqualTo("ApplABC123");
        assertThat(request.deviceType()).isEqualTo("iPhone");
        assertThat(request.protocolVersion()).isEqualTo(EasProtocolVersion.V16_1);
        assertThat(request.policyKey()).isEqualTo(3141592653L);
        assertThat(request.locale()).isEmpty();
    }

    @Test
    void parametersShouldBeReadInAnyOrderAsIisLogsShowIosSendingThem() throws EasRequestException {
        EasRequest request = parser.parse(
                "User=jameswhite&DeviceId=Appl82832FQFY7K&DeviceType=iPhone&Cmd=Ping", Wire.version("14.1"));

        assertThat(request.command()).isEqualTo(EasCommand.PING);
        assertThat(request.user()).isEqualTo("jameswhite");
        assertThat(request.deviceId()).isEqualTo("Appl82832FQFY7K");
    }

    @Test
    void androidSyncWithDomainUserShouldKeepTheBackslash() throws EasRequestException {
        EasRequest request = parser.parse(
                "Cmd=Sync&User=EXAMPLE%5Cdemo&DeviceId=androidc1234567890&DeviceType=Android", Wire.version("12.1"));

        assertThat(request.user()).isEqualTo("EXAMPLE\\demo");
        assertThat(request.deviceType()).isEqualTo("Android");
        assertThat(request.protocolVersion()).isEqualTo(EasProtocolVersion.V12_1);
    }

    @Test
    void userShouldBeOptional() throws EasRequestException {
        EasRequest request = parser.parse("Cmd=Provision&DeviceId=ABC&DeviceType=SmartPhone", Wire.version("2.5"));

        assertThat(request.user()).isNull();
        assertThat(request.policyKey()).isZero();
    }

    @Test
    void namesShouldMatchIgnoringCase() throws EasRequestException {
        EasRequest request = parser.parse("cmd=sync&deviceid=abc&DEVICETYPE=Outlook", Wire.version("14.0"));

        assertThat(request.command()).isEqualTo(EasCommand.SYNC);
        assertThat(request.deviceId()).isEqualTo("abc");
    }

    @Test
    void smartReplyShouldCarryItsCommandParametersAndFlags() throws EasRequestException {
        EasRequest request = parser.parse(
                "Cmd=SmartReply&User=demo&DeviceId=ABC&DeviceType=iPhone"
                        + "&ItemId=5%3A12&CollectionId=5&LongId=RgAAAAB%2Bx&Occurrence=2026-11-28&SaveInSent=T",
                Wire.version("14.0"));

        assertThat(request.parameters())
                .containsOnly(
                        Map.entry(EasParameter.ITEM_ID, "5:12"),
                        Map.entry(EasParameter.COLLECTION_ID, "5"),
                        Map.entry(EasParameter.LONG_ID, "RgAAAAB+x"),
                        Map.entry(EasParameter.OCCURRENCE, "2026-11-28"));
        assertThat(request.options()).containsExactly(EasOption.SAVE_IN_SENT);
    }

    @Test
    void plusShouldStayPlusAsRfc3986Says() throws EasRequestException {
        EasRequest request =
                parser.parse("Cmd=Sync&User=demo+tag@example.test&DeviceId=A&DeviceType=B", Wire.version("14.0"));

        assertThat(request.user()).isEqualTo("demo+tag@example.test");
    }

    @Test
    void saveInSentFalseAndMultiPartHeaderShouldSetOnlyThatFlag() throws EasRequestException {
        EasRequest request = parser.parse(
                "Cmd=ItemOperations&DeviceId=A&DeviceType=B&SaveInSent=F",
                Wire.headers(Map.of("MS-ASProtocolVersion", "14.1", "MS-ASAcceptMultiPart", "T")));

        assertThat(request.options()).containsExactly(EasOption.ACCEPT_MULTI_PART);
    }

    @Test
    void unknownParametersAndEmptySegmentsShouldBeIgnored() throws EasRequestException {
        EasRequest request = parser.parse("&Cmd=Sync&&Log=V4&DeviceId=A&DeviceType=B&", Wire.version("14.0"));

        assertThat(request.command()).isEqualTo(EasCommand.SYNC);
        assertThat(request.parameters()).isEmpty();
    }

    @Test
    void policyKeyZeroShouldMeanNone() throws EasRequestException {
        EasRequest request = parser.parse(
                "Cmd=Provision&DeviceId=A&DeviceType=B",
                Wire.headers(Map.of("MS-ASProtocolVersion", "14.0", "X-MS-PolicyKey", "0")));

        assertThat(request.hasPolicyKey()).isFalse();
    }

    @Test
    void largestPolicyKeyShouldBeAccepted() throws EasRequestException {
        EasRequest request = parser.parse(
                "Cmd=Sync&DeviceId=A&DeviceType=B",
                Wire.headers(Map.of("MS-ASProtocolVersion", "14.0", "X-MS-PolicyKey", "4294967295")));

        assertThat(request.policyKey()).isEqualTo(0xFFFF_FFFFL);
    }

    @Test
    void limitsShouldBeInclusive() throws EasRequestException {
        String deviceId = "D".repeat(EasRequestParser.MAX_DEVICE_ID_LENGTH);
        String deviceType = "T".repeat(EasRequestParser.MAX_DEVICE_TYPE_LENGTH);
        String user = "u".repeat(EasRequestParser.MAX_USER_LENGTH);

        EasRequest request = parser.parse(
                "Cmd=Sync&User=" + user + "&DeviceId=" + deviceId + "&DeviceType=" + deviceType, Wire.version("14.0"));

        assertThat(request.deviceId()).isEqualTo(deviceId);
        assertThat(request.deviceType()).isEqualTo(deviceType);
        assertThat(request.user()).isEqualTo(user);
    }
}
