package org.atoll.wbxml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The document model as command handlers use it: build a response, navigate a request. */
class WbxmlElementTest {

    @Test
    void buildsAResponseThatEncodesAsExpected() throws WbxmlException {
        WbxmlElement ping = WbxmlElement.of(CodePage.PING, "Ping")
                .add("Status", "2")
                .add(WbxmlElement.of(CodePage.PING, "Folders").add("Folder", "1"));

        assertThat(new WbxmlEncoder().encode(ping)).isEqualTo(Vectors.wbxml("ping-response-changes"));
        assertThat(new WbxmlDecoder().decode(Vectors.wbxml("ping-response-changes")))
                .isEqualTo(ping);
    }

    @Test
    void streamedChildrenAreProducedOnlyAsTheyAreWrittenAndEncodeAsBuiltOnes() throws Exception {
        List<String> produced = new ArrayList<>();
        WbxmlElement streamed = WbxmlElement.of(CodePage.PING, "Ping")
                .add("Status", "2")
                .add(WbxmlElement.streamed(
                        CodePage.PING,
                        "Folders",
                        () -> IntStream.rangeClosed(1, 1)
                                .mapToObj(i -> {
                                    produced.add("Folder " + i);
                                    return WbxmlElement.text(CodePage.PING, "Folder", Integer.toString(i));
                                })
                                .iterator()));
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        assertThat(produced).isEmpty();
        new WbxmlEncoder().encode(streamed, out);
        assertThat(out.toByteArray()).isEqualTo(Vectors.wbxml("ping-response-changes"));
        assertThat(produced).containsExactly("Folder 1");
    }

    @Test
    void streamedElementWithNoChildrenIsWrittenAsAnEmptyOne() throws WbxmlException {
        WbxmlElement commands = WbxmlElement.of(CodePage.AIRSYNC, "Collection")
                .add(WbxmlElement.streamed(CodePage.AIRSYNC, "Commands", List.of()));

        WbxmlElement decoded = new WbxmlDecoder().decode(new WbxmlEncoder().encode(commands));

        assertThat(decoded.child("Commands").orElseThrow().isEmpty()).isTrue();
        assertThatThrownBy(() -> WbxmlElement.streamed(CodePage.AIRSYNC, "Commands", List.of())
                        .add("Status", "1"))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void navigatesChildrenByNameOnItsOwnPageOrAGivenOne() throws WbxmlException {
        WbxmlElement ping = new WbxmlDecoder().decode(Vectors.wbxml("ping-request"));

        assertThat(ping.text("HeartbeatInterval")).contains("900");
        assertThat(ping.child("Folders").orElseThrow().children("Folder"))
                .extracting(folder -> folder.text("Class").orElseThrow())
                .containsExactly("Email", "Calendar");
        assertThat(ping.child("Nothing")).isEmpty();
        assertThat(ping.text(CodePage.AIRSYNC, "HeartbeatInterval")).isEmpty();
        assertThat(ping.text()).isEmpty();
    }

    @Test
    void rejectsATagTheCodePageDoesNotDefine() {
        assertThatThrownBy(() -> WbxmlElement.of(CodePage.AIRSYNC, "FolderSync"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("FolderSync");
    }

    @Test
    void rejectsTextThatAnInlineStringCannotCarry() {
        assertThatThrownBy(() -> WbxmlElement.text(CodePage.AIRSYNC, "SyncKey", "a\0b"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rejectsChildrenUnderAValue() {
        WbxmlElement key = WbxmlElement.text(CodePage.AIRSYNC, "SyncKey", "1");

        assertThatThrownBy(() -> key.addEmpty("Status")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void treatsEmptyTextAsNoContent() {
        assertThat(WbxmlElement.text(CodePage.AIRSYNC, "SyncKey", ""))
                .isEqualTo(WbxmlElement.of(CodePage.AIRSYNC, "SyncKey"))
                .satisfies(key -> assertThat(key.isEmpty()).isTrue());
    }

    @Test
    void keepsOpaqueBytesAwayFromCallers() throws WbxmlException {
        byte[] mime = {1, 2, 3};
        WbxmlElement element = WbxmlElement.opaque(CodePage.COMPOSE_MAIL, "Mime", mime);
        mime[0] = 9;
        element.opaque().orElseThrow()[1] = 9;

        assertThat(element.opaque()).hasValueSatisfying(data -> assertThat(data).containsExactly(1, 2, 3));
        WbxmlElement sendMail =
                WbxmlElement.of(CodePage.COMPOSE_MAIL, "SendMail").add(element);
        byte[] bytes = new WbxmlEncoder().encode(sendMail);
        assertThat(Bytes.hex(bytes)).isEqualTo(Bytes.hex(Bytes.hex("03 01 6A 00 00 15 45 50 C3 03 01 02 03 01 01")));
        assertThat(new WbxmlDecoder().decode(bytes)).isEqualTo(sendMail);
    }

    @Test
    void writesOpaqueLengthsAsMultiByteIntegers() throws WbxmlException {
        WbxmlElement mime = WbxmlElement.opaque(CodePage.COMPOSE_MAIL, "Mime", new byte[200]);
        byte[] bytes = new WbxmlEncoder().encode(mime);

        assertThat(Bytes.hex(bytes)).startsWith("03 01 6A 00 00 15 50 C3 81 48 00");
        assertThat(new WbxmlDecoder().decode(bytes)).isEqualTo(mime);
    }

    @Test
    void encodesDeepTreesWithoutRecursion() {
        WbxmlElement root = WbxmlElement.of(CodePage.AIRSYNC, "Collections");
        WbxmlElement leaf = root;
        for (int i = 0; i < 100_000; i++) {
            WbxmlElement next = WbxmlElement.of(CodePage.AIRSYNC, "Collections");
            leaf.add(next);
            leaf = next;
        }

        byte[] bytes = new WbxmlEncoder().encode(root);

        assertThat(bytes).hasSize(4 + 100_000 + 100_000 + 1);
        assertThat(WbxmlXml.toXml(root))
                .startsWith("<Collections xmlns=\"AirSync:\"><Collections>")
                .endsWith("</Collections>");
        assertThatThrownBy(() -> new WbxmlDecoder().decode(bytes))
                .isInstanceOfSatisfying(
                        WbxmlException.class, e -> assertThat(e.reason()).isEqualTo(WbxmlException.Reason.TOO_DEEP));
    }
}
