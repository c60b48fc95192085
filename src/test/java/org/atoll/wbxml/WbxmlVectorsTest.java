package org.atoll.wbxml;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The codec against documents encoded by libwbxml, an independent implementation: a symmetric encoder and decoder
 * pair could make the same mistake in both directions, these bytes cannot.
 */
class WbxmlVectorsTest {

    private final WbxmlDecoder decoder = new WbxmlDecoder();
    private final WbxmlEncoder encoder = new WbxmlEncoder();

    static List<String> vectors() {
        return Vectors.names();
    }

    @Test
    void findsAllVectors() {
        assertThat(vectors()).hasSize(28).contains("foldersync-request-key0", "sync-response-email-add");
    }

    /**
     * The one vector whose bytes do not encode its XML. libwbxml's Email table calls token 0x3B "FlagStatus", so it
     * found no {@code email:Status} and wrote the AirSync {@code Status} (SWITCH_PAGE 0, 0x4E) inside
     * {@code email:Flag}. MS-ASEMAIL 2.2.2.74 and MS-ASWBXML 2.1.2.1.3 put Status at Email 0x3B, which is what this
     * encoder writes.
     */
    static final String LIBWBXML_FLAG_STATUS_VECTOR = "sync-request-client-changes";

    static List<String> vectorsLibwbxmlEncodesAsWritten() {
        return vectors().stream()
                .filter(name -> !name.equals(LIBWBXML_FLAG_STATUS_VECTOR))
                .toList();
    }

    @ParameterizedTest
    @MethodSource("vectorsLibwbxmlEncodesAsWritten")
    void decodesVectorToTheTreeOfItsXml(String name) throws WbxmlException {
        assertThat(decoder.decode(Vectors.wbxml(name))).isEqualTo(Vectors.tree(name));
    }

    @ParameterizedTest
    @MethodSource("vectorsLibwbxmlEncodesAsWritten")
    void encodesVectorTreeToTheExactBytesOfLibwbxml(String name) {
        assertThat(hex(encoder.encode(Vectors.tree(name)))).isEqualTo(hex(Vectors.wbxml(name)));
    }

    @ParameterizedTest
    @MethodSource("vectorsLibwbxmlEncodesAsWritten")
    void streamsTheSameBytesAsItReturns(String name) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        encoder.encode(Vectors.tree(name), out);
        assertThat(out.toByteArray()).isEqualTo(Vectors.wbxml(name));
    }

    @ParameterizedTest
    @MethodSource("vectors")
    void decodesWhatItEncodesForEveryVector(String name) throws WbxmlException {
        WbxmlElement tree = Vectors.tree(name);
        assertThat(decoder.decode(encoder.encode(tree))).isEqualTo(tree);
    }

    @Test
    void readsLibwbxmlFlagStatusAsTheAirSyncStatusItEncoded() throws WbxmlException {
        WbxmlElement asEncoded = flagStatusOnPage(Vectors.tree(LIBWBXML_FLAG_STATUS_VECTOR), CodePage.AIRSYNC);

        assertThat(decoder.decode(Vectors.wbxml(LIBWBXML_FLAG_STATUS_VECTOR))).isEqualTo(asEncoded);
        assertThat(hex(encoder.encode(asEncoded))).isEqualTo(hex(Vectors.wbxml(LIBWBXML_FLAG_STATUS_VECTOR)));
    }

    @Test
    void writesEmailFlagStatusOnTheEmailPage() {
        String libwbxml = hex(Vectors.wbxml(LIBWBXML_FLAG_STATUS_VECTOR));
        String spec = libwbxml.replace("7a 00 00 4e 03 32 00 01 00 02 7d", "7a 7b 03 32 00 01 7d");

        assertThat(spec).isNotEqualTo(libwbxml);
        assertThat(hex(encoder.encode(Vectors.tree(LIBWBXML_FLAG_STATUS_VECTOR))))
                .isEqualTo(spec);
    }

    private static WbxmlElement flagStatusOnPage(WbxmlElement sync, CodePage page) {
        WbxmlElement copy = WbxmlElement.of(sync.page(), sync.name());
        sync.text().ifPresent(copy::setText);
        for (WbxmlElement child : sync.children()) {
            if (sync.qualifiedName().equals("Email:Flag") && child.name().equals("Status")) {
                copy.add(WbxmlElement.text(page, "Status", child.text().orElseThrow()));
            } else {
                copy.add(flagStatusOnPage(child, page));
            }
        }
        return copy;
    }

    private static String hex(byte[] bytes) {
        return HexFormat.ofDelimiter(" ").formatHex(bytes);
    }

    @Test
    void decodesFolderSyncRequestVector() throws WbxmlException {
        WbxmlElement root = decoder.decode(Vectors.wbxml("foldersync-request-key0"));

        assertThat(root.page()).isEqualTo(CodePage.FOLDER_HIERARCHY);
        assertThat(root.name()).isEqualTo("FolderSync");
        assertThat(root.text("SyncKey")).contains("0");
    }

    @Test
    void decodesSyncResponseAcrossFiveCodePages() throws WbxmlException {
        WbxmlElement add = decoder.decode(Vectors.wbxml("sync-response-email-add"))
                .child("Collections")
                .flatMap(c -> c.child("Collection"))
                .flatMap(c -> c.child("Commands"))
                .flatMap(c -> c.child("Add"))
                .orElseThrow();
        WbxmlElement data = add.child("ApplicationData").orElseThrow();

        assertThat(add.text("ServerId")).contains("1:21");
        assertThat(data.text(CodePage.EMAIL, "Subject")).contains("Grüße — Q3 report");
        assertThat(data.child(CodePage.AIRSYNCBASE, "Body").flatMap(b -> b.text("Data")))
                .contains("<p>Hi Bob</p>");
        assertThat(data.child(CodePage.EMAIL2, "ConversationId").flatMap(WbxmlElement::opaque))
                .hasValueSatisfying(id -> assertThat(id).hasSize(12));
    }

    @Test
    void decodesEmptyElementsWithoutContentBit() throws WbxmlException {
        WbxmlElement root = decoder.decode(Vectors.wbxml("provision-response-remotewipe"));

        assertThat(root.child("RemoteWipe"))
                .hasValueSatisfying(wipe -> assertThat(wipe.isEmpty()).isTrue());
    }
}
