package org.atoll.eas.request;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** Base64 queries (MS-ASHTTP 2.2.1.1.1.1) written out byte by byte. */
class Base64QueryTest {

    private final EasRequestParser parser = new EasRequestParser();

    @Test
    void syncWithCollectionIdAndPolicyKey() throws EasRequestException {
        byte[] bytes = Wire.bytes(
                141, // Protocol version 14.1
                0, // Sync
                0x07,
                0x04, // Locale 0x0407, de-DE
                10,
                "ApplABC123",
                4,
                0x78,
                0x56,
                0x34,
                0x12, // Policy key 0x12345678, little-endian
                6,
                "iPhone",
                1,
                2,
                "12", // CollectionId "12"
                8,
                4,
                "demo"); // User "demo"

        EasRequest request = parser.parse(Wire.base64(bytes), Wire.noHeaders());

        assertThat(request.command()).isEqualTo(EasCommand.SYNC);
        assertThat(request.protocolVersion()).isEqualTo(EasProtocolVersion.V14_1);
        assertThat(request.locale()).isEqualTo(OptionalInt.of(0x0407));
        assertThat(request.deviceId()).isEqualTo("ApplABC123");
        assertThat(request.policyKey()).isEqualTo(0x1234_5678L);
        assertThat(request.deviceType()).isEqualTo("iPhone");
        assertThat(request.parameters()).containsExactly(Map.entry(EasParameter.COLLECTION_ID, "12"));
        assertThat(request.user()).isEqualTo("demo");
    }

    @Test
    void smartReplyWithItemIdLongIdAndOptions() throws EasRequestException {
        byte[] bytes = Wire.bytes(
                161, // 16.1
                3, // SmartReply
                0x09,
                0x04,
                3,
                "ABC",
                0,
                7,
                "Android",
                3,
                4,
                "5:12", // ItemId
                4,
                9,
                "RgAAAAB+x", // LongId
                7,
                1,
                0x03); // Options: SaveInSent | AcceptMultiPart

        EasRequest request = parser.parse(Wire.base64(bytes), Wire.noHeaders());

        assertThat(request.command()).isEqualTo(EasCommand.SMART_REPLY);
        assertThat(request.protocolVersion()).isEqualTo(EasProtocolVersion.V16_1);
        assertThat(request.parameters())
                .containsOnly(Map.entry(EasParameter.ITEM_ID, "5:12"), Map.entry(EasParameter.LONG_ID, "RgAAAAB+x"));
        assertThat(request.options()).containsExactlyInAnyOrder(EasOption.SAVE_IN_SENT, EasOption.ACCEPT_MULTI_PART);
        assertThat(request.hasOption(EasOption.SAVE_IN_SENT)).isTrue();
    }

    @Test
    void percentEscapedBase64ShouldDecodeTheSame() throws EasRequestException {
        // FB EF BE encodes as "++++" and FF FF FF as "////"; 16 bytes end in "==".
        byte[] bytes = Wire.bytes(121, 9, 0, 0, 7, 0x41, 0xFB, 0xEF, 0xBE, 0xFF, 0xFF, 0xFF, 0, 2, "WP");
        String plainBase64 = Wire.base64(bytes);
        String escaped = Wire.base64Escaped(bytes);
        assertThat(escaped).contains("%2B").contains("%2F").contains("%3D");

        EasRequest fromEscaped = parser.parse(escaped, Wire.noHeaders());

        assertThat(fromEscaped).isEqualTo(parser.parse(plainBase64, Wire.noHeaders()));
        assertThat(fromEscaped.command()).isEqualTo(EasCommand.FOLDER_SYNC);
        assertThat(fromEscaped.protocolVersion()).isEqualTo(EasProtocolVersion.V12_1);
        assertThat(fromEscaped.deviceId()).isEqualTo("41FBEFBEFFFFFF");
    }

    @Test
    void binaryGuidDeviceIdShouldBeGivenAsUpperCaseHex() throws EasRequestException {
        byte[] guid = Wire.bytes(
                0x00, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, 0x88, 0x99, 0xAA, 0xBB, 0xCC, 0xDD, 0xEE, 0xFF);
        byte[] bytes = Wire.bytes(140, 18, 0, 0, 16, guid, 0, 2, "WP");

        EasRequest request = parser.parse(Wire.base64(bytes), Wire.noHeaders());

        assertThat(request.deviceId()).isEqualTo("00112233445566778899AABBCCDDEEFF");
        assertThat(request.command()).isEqualTo(EasCommand.PING);
    }

    @Test
    void unpaddedBase64ShouldBeAccepted() throws EasRequestException {
        byte[] bytes = Wire.bytes(141, 17, 0, 0, 1, "A", 0, 1, "B");
        String unpadded = Wire.base64(bytes).replace("=", "");

        assertThat(parser.parse(unpadded, Wire.noHeaders()).command()).isEqualTo(EasCommand.SETTINGS);
    }

    @Test
    void headersShouldBeIgnoredForBase64() throws EasRequestException {
        byte[] bytes = Wire.bytes(141, 0, 0, 0, 1, "A", 0, 1, "B");

        EasRequest request = parser.parse(
                Wire.base64(bytes), Wire.headers(Map.of("MS-ASProtocolVersion", "2.5", "X-MS-PolicyKey", "bogus")));

        assertThat(request.protocolVersion()).isEqualTo(EasProtocolVersion.V14_1);
        assertThat(request.policyKey()).isZero();
    }

    @Test
    void obsoleteCollectionNameAndParentIdTagsShouldBeSkipped() throws EasRequestException {
        byte[] bytes = Wire.bytes(141, 0, 0, 0, 1, "A", 0, 1, "B", 2, 3, "old", 5, 1, "p", 1, 1, "7");

        EasRequest request = parser.parse(Wire.base64(bytes), Wire.noHeaders());

        assertThat(request.parameters()).containsExactly(Map.entry(EasParameter.COLLECTION_ID, "7"));
    }

    @Test
    void utf8AttachmentNameShouldDecode() throws EasRequestException {
        byte[] name = "Grüße.pdf".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] bytes = Wire.bytes(141, 4, 0, 0, 1, "A", 0, 1, "B", 0, name.length, name);

        EasRequest request = parser.parse(Wire.base64(bytes), Wire.noHeaders());

        assertThat(request.parameter(EasParameter.ATTACHMENT_NAME)).contains("Grüße.pdf");
    }
}
