package org.atoll.wbxml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.atoll.wbxml.Bytes.HEADER;
import static org.atoll.wbxml.Bytes.concat;
import static org.atoll.wbxml.Bytes.hex;
import static org.atoll.wbxml.Bytes.repeat;

import java.lang.management.ManagementFactory;
import java.util.Arrays;
import org.atoll.wbxml.WbxmlException.Reason;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** One test per way a request body can be malformed, and the limit and limit + 1 of each bound. */
class WbxmlDecoderMalformationTest {

    private final WbxmlDecoder decoder = new WbxmlDecoder();

    private Reason rejection(WbxmlDecoder decoder, byte[] input) {
        Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(() -> decoder.decode(input));
        assertThat(thrown).isInstanceOf(WbxmlException.class);
        return ((WbxmlException) thrown).reason();
    }

    private Reason rejection(byte[] input) {
        return rejection(decoder, input);
    }

    @Nested
    class Header {

        @ParameterizedTest
        @ValueSource(strings = {"", "03", "03 01", "03 01 6A", "03 81", "03 01 EA"})
        void rejectsTruncatedHeader(String input) {
            assertThat(rejection(hex(input))).isEqualTo(Reason.TRUNCATED);
        }

        @Test
        void rejectsHeaderWithoutBody() {
            assertThat(rejection(hex(HEADER))).isEqualTo(Reason.TRUNCATED);
        }

        @ParameterizedTest
        @ValueSource(strings = {"00", "04", "13", "FF"})
        void rejectsUnsupportedVersion(String version) {
            assertThat(rejection(hex(version + " 01 6A 00 45 01"))).isEqualTo(Reason.UNSUPPORTED_VERSION);
        }

        @ParameterizedTest
        @ValueSource(strings = {"01", "02", "03"})
        void acceptsWbxmlVersions11To13(String version) throws WbxmlException {
            assertThat(decoder.decode(hex(version + " 01 6A 00 45 01")))
                    .isEqualTo(WbxmlElement.of(CodePage.AIRSYNC, "Sync"));
        }

        @ParameterizedTest
        @ValueSource(strings = {"04", "03", "00", "83 6A"})
        void rejectsWrongCharset(String charset) {
            assertThat(rejection(hex("03 01 " + charset + " 00 45 01"))).isEqualTo(Reason.UNSUPPORTED_CHARSET);
        }

        @Test
        void rejectsMbUInt32OfSixBytes() {
            assertThat(rejection(hex("03 80 80 80 80 80 01 6A 00 45 01"))).isEqualTo(Reason.MALFORMED_MB_U_INT32);
        }

        @Test
        void rejectsMbUInt32Above32Bits() {
            assertThat(rejection(hex("03 90 80 80 80 00 6A 00 45 01"))).isEqualTo(Reason.MALFORMED_MB_U_INT32);
        }

        @Test
        void acceptsMbUInt32OfFiveBytesAtTheTopOf32Bits() throws WbxmlException {
            assertThat(decoder.decode(hex("03 8F FF FF FF 7F 6A 00 45 01")).name())
                    .isEqualTo("Sync");
        }

        @Test
        void acceptsPublicIdGivenAsStringTableReference() throws WbxmlException {
            assertThat(decoder.decode(hex("03 00 02 6A 05 61 00 62 63 00 45 01"))
                            .name())
                    .isEqualTo("Sync");
        }

        @Test
        void rejectsPublicIdReferenceOutsideStringTable() {
            assertThat(rejection(hex("03 00 05 6A 02 61 00 45 01"))).isEqualTo(Reason.STRING_TABLE_OFFSET_OUT_OF_RANGE);
        }
    }

    @Nested
    class StringTable {

        @Test
        void decodesStringTableReference() throws WbxmlException {
            WbxmlElement sync = decoder.decode(hex("03 01 6A 06 61 62 00 63 64 00 45 4B 83 03 01 01"));

            assertThat(sync.text("SyncKey")).contains("cd");
        }

        @Test
        void rejectsStringTableOffsetOutOfRange() {
            assertThat(rejection(hex("03 01 6A 03 61 62 00 45 4B 83 05 01 01")))
                    .isEqualTo(Reason.STRING_TABLE_OFFSET_OUT_OF_RANGE);
        }

        @Test
        void rejectsStringTableOffsetAtTableLength() {
            assertThat(rejection(hex("03 01 6A 03 61 62 00 45 4B 83 03 01 01")))
                    .isEqualTo(Reason.STRING_TABLE_OFFSET_OUT_OF_RANGE);
        }

        @Test
        void rejectsStringTableEntryWithoutTerminator() {
            assertThat(rejection(hex("03 01 6A 02 61 62 45 4B 83 00 01 01")))
                    .isEqualTo(Reason.STRING_TABLE_OFFSET_OUT_OF_RANGE);
        }

        @Test
        void rejectsStringTableLongerThanInput() {
            assertThat(rejection(hex("03 01 6A 10 61 62 00"))).isEqualTo(Reason.TRUNCATED);
        }

        @Test
        void rejectsStringTableAboveItsLimitBeforeReadingIt() {
            assertThat(rejection(hex("03 01 6A 88 80 80 80 00 45 01"))).isEqualTo(Reason.STRING_TABLE_TOO_LARGE);
        }
    }

    @Nested
    class Body {

        @Test
        void rejectsTruncatedBody() {
            byte[] whole = Vectors.wbxml("foldersync-response");
            for (int length = 4; length < whole.length; length++) {
                assertThat(rejection(Arrays.copyOf(whole, length)))
                        .as("first %d bytes", length)
                        .isEqualTo(Reason.TRUNCATED);
            }
        }

        @Test
        void rejectsInlineStringWithoutTerminator() {
            assertThat(rejection(hex(HEADER + " 45 4B 03 31 32"))).isEqualTo(Reason.TRUNCATED);
        }

        @Test
        void rejectsMissingEndAtEndOfInput() {
            assertThat(rejection(hex(HEADER + " 45 4B 03 31 00 01"))).isEqualTo(Reason.TRUNCATED);
        }

        @Test
        void rejectsEndWithoutOpenTag() {
            assertThat(rejection(hex(HEADER + " 01"))).isEqualTo(Reason.UNEXPECTED_END);
        }

        @ParameterizedTest
        @ValueSource(strings = {"45 01 45 01", "45 01 01", "45 01 00 00", "05 05", "45 01 03 61 00"})
        void rejectsBytesAfterTheRootElementsEnd(String body) {
            assertThat(rejection(hex(HEADER + body))).isEqualTo(Reason.TRAILING_BYTES);
        }

        @Test
        void rejectsUnknownCodePage() {
            assertThat(rejection(hex(HEADER + " 00 1A 45 01"))).isEqualTo(Reason.UNKNOWN_CODE_PAGE);
            assertThat(rejection(hex(HEADER + " 45 00 FF 45 01 01"))).isEqualTo(Reason.UNKNOWN_CODE_PAGE);
        }

        @Test
        void rejectsSwitchPageWithoutOperand() {
            assertThat(rejection(hex(HEADER + " 00"))).isEqualTo(Reason.TRUNCATED);
        }

        @Test
        void rejectsUnknownTagTokenOnKnownPage() {
            assertThat(rejection(hex(HEADER + " 51 01"))).isEqualTo(Reason.UNKNOWN_TAG);
            assertThat(rejection(hex(HEADER + " 00 03 45 01"))).isEqualTo(Reason.UNKNOWN_TAG);
        }

        @ParameterizedTest
        @ValueSource(strings = {"C5", "85", "FF", "BF"})
        void rejectsAttributeBitSet(String tag) {
            assertThat(rejection(hex(HEADER + tag + " 01 01"))).isEqualTo(Reason.ATTRIBUTES_NOT_SUPPORTED);
        }

        @ParameterizedTest
        @ValueSource(
                strings = {"02", "04", "40", "41", "42", "43", "44", "80", "81", "82", "84", "C0", "C1", "C2", "C4"})
        void rejectsTokensActiveSyncDoesNotUse(String token) {
            assertThat(rejection(hex(HEADER + " 45 " + token + " 61 00 01"))).isEqualTo(Reason.UNSUPPORTED_TOKEN);
        }

        @ParameterizedTest
        @ValueSource(strings = {"C3 28", "C0 AF", "ED A0 80", "F8 88 80 80 80", "FF", "E2 82"})
        void rejectsInvalidUtf8InInlineString(String badUtf8) {
            assertThat(rejection(hex(HEADER + " 45 4B 03 " + badUtf8 + " 00 01 01")))
                    .isEqualTo(Reason.INVALID_UTF8);
        }

        @Test
        void rejectsValueNextToChildElement() {
            assertThat(rejection(hex(HEADER + " 45 03 61 00 5C 01 01"))).isEqualTo(Reason.MIXED_CONTENT);
            assertThat(rejection(hex(HEADER + " 45 5C 01 03 61 00 01"))).isEqualTo(Reason.MIXED_CONTENT);
            assertThat(rejection(hex(HEADER + " 45 C3 01 61 03 62 00 01"))).isEqualTo(Reason.MIXED_CONTENT);
        }

        @Test
        void rejectsTextOutsideTheRoot() {
            assertThat(rejection(hex(HEADER + " 03 61 00 45 01"))).isEqualTo(Reason.CONTENT_OUTSIDE_ROOT);
            assertThat(rejection(hex(HEADER + " C3 01 61 45 01"))).isEqualTo(Reason.CONTENT_OUTSIDE_ROOT);
        }

        @Test
        void rejectsOpaqueLongerThanInput() {
            assertThat(rejection(hex(HEADER + " 45 C3 05 61 62 01"))).isEqualTo(Reason.TRUNCATED);
        }

        @Test
        void joinsConsecutiveStringsOfOneElement() throws WbxmlException {
            WbxmlElement sync = decoder.decode(hex("03 01 6A 03 63 64 00 45 4B 03 61 62 00 83 00 01 01"));

            assertThat(sync.text("SyncKey")).contains("abcd");
        }

        @Test
        void readsTagWithContentBitButNoContentAsEmpty() throws WbxmlException {
            assertThat(decoder.decode(hex(HEADER + " 45 4B 01 01")))
                    .isEqualTo(WbxmlElement.of(CodePage.AIRSYNC, "Sync").addEmpty("SyncKey"));
        }
    }

    @Nested
    class Limits {

        private static byte[] nested(int depth) {
            return concat(hex(HEADER), repeat("5C", depth), repeat("01", depth));
        }

        @Test
        void rejects10000NestedTags() {
            assertThat(rejection(concat(hex(HEADER), repeat("5C", 10_000)))).isEqualTo(Reason.TOO_DEEP);
        }

        @Test
        void acceptsExactlyTheDepthLimit() throws WbxmlException {
            WbxmlElement element = decoder.decode(nested(64));
            int depth = 1;
            while (!element.children().isEmpty()) {
                element = element.children().getFirst();
                depth++;
            }
            assertThat(depth).isEqualTo(WbxmlLimits.DEFAULT.maxDepth()).isEqualTo(64);
        }

        @Test
        void rejectsOneLevelPastTheDepthLimit() {
            assertThat(rejection(nested(65))).isEqualTo(Reason.TOO_DEEP);
        }

        @Test
        void countsAnEmptyLeafAtTheLimitAsWithinIt() throws WbxmlException {
            byte[] input = concat(hex(HEADER), repeat("5C", 63), hex("1C"), repeat("01", 63));
            assertThat(decoder.decode(input).name()).isEqualTo("Collections");
        }

        @Test
        void rejectsAnEmptyLeafOnePastTheLimit() {
            byte[] input = concat(hex(HEADER), repeat("5C", 64), hex("1C"), repeat("01", 64));
            assertThat(rejection(input)).isEqualTo(Reason.TOO_DEEP);
        }

        @Test
        void appliesAConfiguredDepthLimit() throws WbxmlException {
            WbxmlDecoder shallow = new WbxmlDecoder(WbxmlLimits.DEFAULT.withMaxDepth(3));
            assertThat(shallow.decode(nested(3)).name()).isEqualTo("Collections");
            assertThat(rejection(shallow, nested(4))).isEqualTo(Reason.TOO_DEEP);
        }

        @Test
        void rejectsMoreElementsThanTheLimit() throws WbxmlException {
            WbxmlDecoder small = new WbxmlDecoder(WbxmlLimits.DEFAULT.withMaxElements(3));
            assertThat(small.decode(hex(HEADER + " 45 1C 1C 01")).children()).hasSize(2);
            assertThat(rejection(small, hex(HEADER + " 45 1C 1C 1C 01"))).isEqualTo(Reason.TOO_MANY_ELEMENTS);
        }

        @Test
        void rejectsDocumentLargerThanTheLimit() throws WbxmlException {
            byte[] input = Vectors.wbxml("ping-request");
            WbxmlDecoder exact = new WbxmlDecoder(WbxmlLimits.DEFAULT.withMaxDocumentBytes(input.length));
            WbxmlDecoder smaller = new WbxmlDecoder(WbxmlLimits.DEFAULT.withMaxDocumentBytes(input.length - 1));

            assertThat(exact.decode(input).name()).isEqualTo("Ping");
            assertThat(rejection(smaller, input)).isEqualTo(Reason.DOCUMENT_TOO_LARGE);
        }

        @Test
        void rejectsStreamLargerThanTheLimit() {
            byte[] input = Vectors.wbxml("ping-request");
            WbxmlDecoder smaller = new WbxmlDecoder(WbxmlLimits.DEFAULT.withMaxDocumentBytes(input.length - 1));

            assertThatThrownBy(() -> smaller.decode(new java.io.ByteArrayInputStream(input)))
                    .isInstanceOfSatisfying(
                            WbxmlException.class, e -> assertThat(e.reason()).isEqualTo(Reason.DOCUMENT_TOO_LARGE));
        }

        @Test
        void rejectsTextLongerThanTheLimit() throws WbxmlException {
            WbxmlDecoder small = new WbxmlDecoder(WbxmlLimits.DEFAULT.withMaxStringBytes(3));
            assertThat(small.decode(hex(HEADER + " 45 4B 03 61 62 63 00 01 01")).text("SyncKey"))
                    .contains("abc");
            assertThat(rejection(small, hex(HEADER + " 45 4B 03 61 62 63 64 00 01 01")))
                    .isEqualTo(Reason.STRING_TOO_LONG);
            assertThat(rejection(small, hex(HEADER + " 45 4B 03 61 62 00 03 63 64 00 01 01")))
                    .isEqualTo(Reason.STRING_TOO_LONG);
        }

        @Test
        void rejectsOpaqueLongerThanTheLimit() throws WbxmlException {
            WbxmlDecoder small = new WbxmlDecoder(WbxmlLimits.DEFAULT.withMaxOpaqueBytes(2));
            assertThat(small.decode(hex(HEADER + " 45 4B C3 02 61 62 01 01"))
                            .child("SyncKey")
                            .flatMap(WbxmlElement::opaque))
                    .hasValueSatisfying(data -> assertThat(data).containsExactly(0x61, 0x62));
            assertThat(rejection(small, hex(HEADER + " 45 4B C3 03 61 62 63 01 01")))
                    .isEqualTo(Reason.OPAQUE_TOO_LONG);
        }

        @Test
        void rejects2GbDeclaredLengthsIn20ByteBodiesWithoutAllocatingThem() {
            byte[] opaque = hex(HEADER + " 45 4B C3 87 FF FF FF 7F 61 62 63 64 65 66 67 68 69 6A 01 01");
            byte[] table = hex("03 01 6A 87 FF FF FF 7F 45 4B 03 61 00 01 01 61 62 63 64 65 66 67");
            WbxmlDecoder unbounded = new WbxmlDecoder(new WbxmlLimits(
                    Integer.MAX_VALUE,
                    64,
                    Integer.MAX_VALUE,
                    Integer.MAX_VALUE,
                    Integer.MAX_VALUE,
                    Integer.MAX_VALUE,
                    Integer.MAX_VALUE,
                    Long.MAX_VALUE));
            assertThat(opaque.length - 4).isEqualTo(20);
            rejection(opaque);

            long before = allocatedBytes();
            assertThat(rejection(opaque)).isEqualTo(Reason.OPAQUE_TOO_LONG);
            assertThat(rejection(unbounded, opaque)).isEqualTo(Reason.TRUNCATED);
            assertThat(rejection(table)).isEqualTo(Reason.STRING_TABLE_TOO_LARGE);
            assertThat(rejection(unbounded, table)).isEqualTo(Reason.TRUNCATED);
            assertThat(allocatedBytes() - before).isLessThan(16L * 1024 * 1024);
        }

        @Test
        void rejectsMoreStringTableReferencesThanTheLimit() throws WbxmlException {
            WbxmlDecoder few = new WbxmlDecoder(WbxmlLimits.DEFAULT.withMaxStringTableReferences(3));
            assertThat(few.decode(hex("03 01 6A 02 61 00 45 4B 83 00 83 00 83 00 01 01"))
                            .text("SyncKey"))
                    .contains("aaa");
            assertThat(rejection(few, hex("03 01 6A 02 61 00 45 4B 83 00 83 00 83 00 83 00 01 01")))
                    .isEqualTo(Reason.TOO_MANY_STRING_TABLE_REFERENCES);
        }

        @Test
        void rejectsValuesLongerTogetherThanTheDecodedLimitCountingOpaqueData() throws WbxmlException {
            WbxmlDecoder small = new WbxmlDecoder(WbxmlLimits.DEFAULT.withMaxDecodedBytes(4));
            assertThat(small.decode(hex(HEADER + " 45 4B 03 61 62 00 01 4B C3 02 63 64 01 01"))
                            .children())
                    .hasSize(2);
            assertThat(rejection(small, hex(HEADER + " 45 4B 03 61 62 00 01 4B 03 63 64 65 00 01 01")))
                    .isEqualTo(Reason.DECODED_TOO_LARGE);
            assertThat(rejection(small, hex(HEADER + " 45 4B 03 61 62 00 01 4B C3 03 63 64 65 01 01")))
                    .isEqualTo(Reason.DECODED_TOO_LARGE);
        }

        /**
         * A ten-byte table entry named eleven times, then an inline string of {@code inline} bytes: the values come
         * to 110 + {@code inline} bytes in a document of 45 + {@code inline} bytes.
         */
        private static byte[] tenByteEntryNamedElevenTimes(int inline) {
            return concat(
                    hex("03 01 6A 0B"),
                    repeat("61", 10),
                    hex("00 45 4B"),
                    repeat("83 00", 11),
                    hex("01 4B 03"),
                    repeat("62", inline),
                    hex("00 01 01"));
        }

        @Test
        void boundsTheDecodedValuesByTwiceTheInputPlusTheStringTableLimit() throws WbxmlException {
            WbxmlLimits limits = WbxmlLimits.DEFAULT.withMaxStringTableBytes(11);
            WbxmlDecoder decoder = new WbxmlDecoder(limits);
            byte[] atTheLimit = tenByteEntryNamedElevenTimes(9);
            byte[] onePast = tenByteEntryNamedElevenTimes(8);
            assertThat(limits.decodedBudget(atTheLimit.length))
                    .isEqualTo(2 * 54 + 11)
                    .isEqualTo(110 + 9);
            assertThat(limits.decodedBudget(onePast.length))
                    .isEqualTo(2 * 53 + 11)
                    .isEqualTo(110 + 8 - 1);

            assertThat(decoder.decode(atTheLimit).children("SyncKey"))
                    .extracting(key -> key.text().orElseThrow().length())
                    .containsExactly(110, 9);
            assertThat(rejection(decoder, onePast)).isEqualTo(Reason.DECODED_TOO_LARGE);
        }

        @Test
        void takesTheSmallerOfTheAbsoluteAndTheRelativeDecodedLimit() {
            WbxmlLimits limits = WbxmlLimits.DEFAULT;
            assertThat(limits.decodedBudget(100)).isEqualTo(2 * 100 + 64 * 1024);
            assertThat(limits.decodedBudget(limits.maxDocumentBytes())).isEqualTo(64L * 1024 * 1024);
        }

        /** A 30,000-byte entry named 30,000 times in 60 elements: about 90 KB in, 900 MB out without the limit. */
        @Test
        void rejectsANinetyKilobyteBodyThatNamesItsStringTableOverAndOverWithoutDecodingIt() {
            byte[] entry = concat(repeat("78", 30_000), hex("00"));
            byte[] element = concat(hex("52"), repeat("83 00", 500), hex("01"));
            byte[] body =
                    concat(hex("03 01 6A 81 EA 31"), entry, hex("00 07 56"), repeat(Bytes.hex(element), 60), hex("01"));
            assertThat(body.length).isBetween(85_000, 95_000);
            rejection(body);

            long before = allocatedBytes();
            assertThat(rejection(body)).isEqualTo(Reason.DECODED_TOO_LARGE);
            assertThat(allocatedBytes() - before).isLessThan(4L * 1024 * 1024);
        }

        private static long allocatedBytes() {
            var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
            return threads.getCurrentThreadAllocatedBytes();
        }
    }
}
