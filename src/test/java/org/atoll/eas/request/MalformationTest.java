package org.atoll.eas.request;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.Map;
import java.util.function.Function;
import org.atoll.eas.request.EasRequestException.Reason;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** One test per malformation, each naming the reason it must be rejected with. */
class MalformationTest {

    private static final Function<String, @Nullable String> V14 = Wire.version("14.0");

    private final EasRequestParser parser = new EasRequestParser();

    private void assertRejected(@Nullable String query, Function<String, @Nullable String> headers, Reason reason) {
        assertThatThrownBy(() -> parser.parse(query, headers))
                .isInstanceOfSatisfying(
                        EasRequestException.class, e -> assertThat(e.reason()).isEqualTo(reason));
    }

    private void assertBase64Rejected(byte[] bytes, Reason reason) {
        assertRejected(Wire.base64(bytes), Wire.noHeaders(), reason);
    }

    @Nested
    class Base64 {

        /** Version, command, locale, Device ID, policy key, Device type, then one parameter (tag 3, ItemId). */
        private static final byte[] FULL = Wire.bytes(141, 3, 0x09, 0x04, 3, "ABC", 4, 1, 2, 3, 4, 2, "WP", 3, 2, "ab");

        @Test
        void theFullMessageAndItsEndAfterDeviceTypeShouldParse() throws EasRequestException {
            assertThat(parser.parse(Wire.base64(FULL), Wire.noHeaders()).parameter(EasParameter.ITEM_ID))
                    .contains("ab");
            assertThat(parser.parse(Wire.base64(Arrays.copyOf(FULL, 16)), Wire.noHeaders())
                            .parameters())
                    .isEmpty();
        }

        /** Ends after: version, command, half the locale, locale, Device ID length, inside and after the Device ID,
         * Policy key length, inside the policy key, after it, Device type length, inside and after Device type (no:
         * that is complete), parameter tag, parameter length, inside the value. */
        @ParameterizedTest(name = "first {0} bytes")
        @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8, 9, 12, 13, 14, 15, 17, 18, 19})
        void truncatedAfterEachFieldShouldBeTruncated(int length) {
            assertBase64Rejected(Arrays.copyOf(FULL, length), Reason.TRUNCATED);
        }

        @Test
        void deviceIdLengthPastTheEndShouldBeTruncated() {
            assertBase64Rejected(Wire.bytes(141, 0, 0, 0, 200, "ABC"), Reason.TRUNCATED);
        }

        @Test
        void deviceTypeLengthPastTheEndShouldBeTruncated() {
            assertBase64Rejected(Wire.bytes(141, 0, 0, 0, 1, "A", 0, 9, "WP"), Reason.TRUNCATED);
        }

        @Test
        void parameterLengthPastTheEndShouldBeTruncated() {
            assertBase64Rejected(Wire.bytes(141, 0, 0, 0, 1, "A", 0, 1, "B", 1, 255, "12"), Reason.TRUNCATED);
        }

        @Test
        void policyKeyLengthThreeShouldBeInvalidPolicyKey() {
            assertBase64Rejected(Wire.bytes(141, 0, 0, 0, 1, "A", 3, 1, 2, 3, 1, "B"), Reason.INVALID_POLICY_KEY);
        }

        @ParameterizedTest
        @ValueSource(ints = {5, 6, 7, 8, 24, 255})
        void unlistedCommandCodeShouldBeUnknownCommand(int code) {
            assertBase64Rejected(Wire.bytes(141, code, 0, 0, 1, "A", 0, 1, "B"), Reason.UNKNOWN_COMMAND);
        }

        @ParameterizedTest
        @ValueSource(ints = {0, 25, 120, 142, 255})
        void versionWithoutBase64FormShouldBeUnsupported(int version) {
            assertBase64Rejected(Wire.bytes(version, 0, 0, 0, 1, "A", 0, 1, "B"), Reason.UNSUPPORTED_VERSION);
        }

        @ParameterizedTest
        @ValueSource(ints = {9, 10, 200})
        void unlistedParameterTagShouldBeUnknownParameter(int tag) {
            assertBase64Rejected(Wire.bytes(141, 0, 0, 0, 1, "A", 0, 1, "B", tag, 1, "x"), Reason.UNKNOWN_PARAMETER);
        }

        @Test
        void parameterTwiceShouldBeDuplicate() {
            assertBase64Rejected(
                    Wire.bytes(141, 3, 0, 0, 1, "A", 0, 1, "B", 3, 1, "x", 3, 1, "y"), Reason.DUPLICATE_PARAMETER);
        }

        @Test
        void userTwiceShouldBeDuplicate() {
            assertBase64Rejected(
                    Wire.bytes(141, 0, 0, 0, 1, "A", 0, 1, "B", 8, 1, "x", 8, 1, "x"), Reason.DUPLICATE_PARAMETER);
        }

        @Test
        void optionsTwiceShouldBeDuplicate() {
            assertBase64Rejected(
                    Wire.bytes(141, 1, 0, 0, 1, "A", 0, 1, "B", 7, 1, 1, 7, 1, 1), Reason.DUPLICATE_PARAMETER);
        }

        @Test
        void optionsOfTwoBytesShouldBeInvalidParameter() {
            assertBase64Rejected(Wire.bytes(141, 1, 0, 0, 1, "A", 0, 1, "B", 7, 2, 1, 0), Reason.INVALID_PARAMETER);
        }

        @Test
        void emptyItemIdShouldBeInvalidParameter() {
            assertBase64Rejected(Wire.bytes(141, 3, 0, 0, 1, "A", 0, 1, "B", 3, 0), Reason.INVALID_PARAMETER);
        }

        @Test
        void deviceIdLengthZeroShouldBeInvalidDeviceId() {
            assertBase64Rejected(Wire.bytes(141, 0, 0, 0, 0, 0, 1, "B"), Reason.INVALID_DEVICE_ID);
        }

        @Test
        void binaryDeviceIdLongerThanAGuidShouldBeInvalidDeviceId() {
            byte[] id = new byte[17];
            assertBase64Rejected(Wire.bytes(141, 0, 0, 0, 17, id, 0, 1, "B"), Reason.INVALID_DEVICE_ID);
        }

        @Test
        void textDeviceIdOf33ShouldBeInvalidDeviceId() {
            assertBase64Rejected(Wire.bytes(141, 0, 0, 0, 33, "A".repeat(33), 0, 1, "B"), Reason.INVALID_DEVICE_ID);
        }

        @Test
        void deviceTypeLengthZeroShouldBeMissingDeviceType() {
            assertBase64Rejected(Wire.bytes(141, 0, 0, 0, 1, "A", 0, 0), Reason.MISSING_DEVICE_TYPE);
        }

        @Test
        void deviceTypeWithSpaceShouldBeInvalidDeviceType() {
            assertBase64Rejected(Wire.bytes(141, 0, 0, 0, 1, "A", 0, 3, "W P"), Reason.INVALID_DEVICE_TYPE);
        }

        @Test
        void userNotUtf8ShouldBeInvalidUser() {
            assertBase64Rejected(Wire.bytes(141, 0, 0, 0, 1, "A", 0, 1, "B", 8, 2, 0xC3, 0x28), Reason.INVALID_USER);
        }

        @ParameterizedTest
        @ValueSource(strings = {"jAAJ!", "A", "jAAJBA-_", "Q===", "QQ=", "jA%3DA"})
        void notStandardBase64ShouldBeMalformedBase64(String query) {
            assertRejected(query, Wire.noHeaders(), Reason.MALFORMED_BASE64);
        }

        @Test
        void badPercentEscapeInBase64ShouldBeMalformedQuery() {
            assertRejected("jAAJ%zz", Wire.noHeaders(), Reason.MALFORMED_QUERY);
        }
    }

    @Nested
    class Plain {

        @ParameterizedTest
        @ValueSource(strings = {"Cmd", "cmd", "User", "DeviceId", "DeviceType", "ItemId", "SaveInSent"})
        void parameterTwiceShouldBeDuplicate(String name) {
            String query = "Cmd=Sync&User=u&DeviceId=A&DeviceType=B&ItemId=1&SaveInSent=T&" + name + "=Sync";
            assertRejected(query, V14, Reason.DUPLICATE_PARAMETER);
        }

        @Test
        void noCmdShouldBeMissingCommand() {
            assertRejected("User=u&DeviceId=A&DeviceType=B", V14, Reason.MISSING_COMMAND);
        }

        @Test
        void emptyCmdShouldBeMissingCommand() {
            assertRejected("Cmd=&DeviceId=A&DeviceType=B", V14, Reason.MISSING_COMMAND);
        }

        @Test
        void noQueryShouldBeMissingCommand() {
            assertRejected(null, V14, Reason.MISSING_COMMAND);
            assertRejected("", V14, Reason.MISSING_COMMAND);
        }

        @Test
        void unlistedCmdShouldBeUnknownCommand() {
            assertRejected("Cmd=GetHierarchy&DeviceId=A&DeviceType=B", V14, Reason.UNKNOWN_COMMAND);
        }

        @Test
        void unknownCommandShouldWinOverMissingDevice() {
            assertRejected("Cmd=Frobnicate", V14, Reason.UNKNOWN_COMMAND);
        }

        @Test
        void noDeviceIdShouldBeMissingDeviceId() {
            assertRejected("Cmd=Sync&User=u&DeviceType=B", V14, Reason.MISSING_DEVICE_ID);
        }

        @Test
        void noDeviceTypeShouldBeMissingDeviceType() {
            assertRejected("Cmd=Sync&User=u&DeviceId=A", V14, Reason.MISSING_DEVICE_TYPE);
        }

        @Test
        void queryOneOverTheLimitShouldBeTooLong() throws EasRequestException {
            String base = "Cmd=Sync&DeviceId=A&DeviceType=B&Log=";
            String atLimit = base + "x".repeat(EasRequestParser.MAX_QUERY_LENGTH - base.length());

            assertThat(parser.parse(atLimit, V14).command()).isEqualTo(EasCommand.SYNC);
            assertRejected(atLimit + "x", V14, Reason.QUERY_TOO_LONG);
        }

        @ParameterizedTest
        @ValueSource(strings = {"%zz", "%4", "%", "%C3%28", "%G0"})
        void badPercentEscapeOrUtf8ShouldBeMalformedQuery(String userValue) {
            assertRejected("Cmd=Sync&User=" + userValue + "&DeviceId=A&DeviceType=B", V14, Reason.MALFORMED_QUERY);
        }

        @ParameterizedTest
        @ValueSource(
                strings = {"Cmd=Sync&User=a b&DeviceId=A&DeviceType=B", "Cmd=Sync&User=\u00e9&DeviceId=A&DeviceType=B"})
        void rawSpaceOrNonAsciiShouldBeMalformedQuery(String query) {
            assertRejected(query, V14, Reason.MALFORMED_QUERY);
        }

        @Test
        void parameterWithoutEqualsShouldBeMalformedQuery() {
            assertRejected("Cmd=Sync&DeviceId=A&DeviceType=B&Verbose", V14, Reason.MALFORMED_QUERY);
        }

        @Test
        void doubleEncodedAtShouldBeDecodedOnlyOnce() throws EasRequestException {
            EasRequest request = parser.parse("Cmd=Sync&User=demo%2540example.test&DeviceId=A&DeviceType=B", V14);

            assertThat(request.user()).isEqualTo("demo%40example.test");
        }

        @ParameterizedTest
        @ValueSource(strings = {"ABC-123", "ABC%2C1", "ABC%00", "%C3%A9", "123456789012345678901234567890123"})
        void deviceIdNotOneTo32LettersOrDigitsShouldBeInvalid(String deviceId) {
            assertRejected("Cmd=Sync&DeviceId=" + deviceId + "&DeviceType=B", V14, Reason.INVALID_DEVICE_ID);
        }

        @ParameterizedTest
        @ValueSource(strings = {"Smart%20Phone", "Phone%0A", "123456789012345678901234567890123"})
        void deviceTypeNotVisibleAsciiUpTo32ShouldBeInvalid(String deviceType) {
            assertRejected("Cmd=Sync&DeviceId=A&DeviceType=" + deviceType, V14, Reason.INVALID_DEVICE_TYPE);
        }

        @Test
        void userOf321ShouldBeInvalidUser() {
            assertRejected(
                    "Cmd=Sync&User=" + "u".repeat(EasRequestParser.MAX_USER_LENGTH + 1) + "&DeviceId=A&DeviceType=B",
                    V14,
                    Reason.INVALID_USER);
        }

        @ParameterizedTest
        @ValueSource(strings = {"", "demo%0Aevil", "demo%00"})
        void emptyUserOrControlCharacterShouldBeInvalidUser(String user) {
            assertRejected("Cmd=Sync&User=" + user + "&DeviceId=A&DeviceType=B", V14, Reason.INVALID_USER);
        }

        @Test
        void noVersionHeaderShouldBeMissingProtocolVersion() {
            assertRejected("Cmd=Sync&DeviceId=A&DeviceType=B", Wire.noHeaders(), Reason.MISSING_PROTOCOL_VERSION);
        }

        @ParameterizedTest
        @ValueSource(strings = {"15.0", "14", "", "14.1,16.0"})
        void unlistedVersionShouldBeUnsupported(String version) {
            assertRejected("Cmd=Sync&DeviceId=A&DeviceType=B", Wire.version(version), Reason.UNSUPPORTED_VERSION);
        }

        @ParameterizedTest
        @ValueSource(strings = {"abc", "-1", "+1", "4294967296", "12345678901", "", "0x10"})
        void policyKeyNotUnsigned32BitDecimalShouldBeInvalid(String key) {
            assertRejected(
                    "Cmd=Sync&DeviceId=A&DeviceType=B",
                    Wire.headers(Map.of("MS-ASProtocolVersion", "14.0", "X-MS-PolicyKey", key)),
                    Reason.INVALID_POLICY_KEY);
        }

        @Test
        void saveInSentOtherThanTOrFShouldBeInvalidParameter() {
            assertRejected("Cmd=SendMail&DeviceId=A&DeviceType=B&SaveInSent=Y", V14, Reason.INVALID_PARAMETER);
        }

        @Test
        void acceptMultiPartOtherThanTOrFShouldBeInvalidParameter() {
            assertRejected(
                    "Cmd=ItemOperations&DeviceId=A&DeviceType=B",
                    Wire.headers(Map.of("MS-ASProtocolVersion", "14.0", "MS-ASAcceptMultiPart", "yes")),
                    Reason.INVALID_PARAMETER);
        }

        @Test
        void emptyCommandParameterShouldBeInvalidParameter() {
            assertRejected("Cmd=SmartReply&DeviceId=A&DeviceType=B&ItemId=", V14, Reason.INVALID_PARAMETER);
        }
    }
}
