package org.atoll.wbxml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The XML rendering for logs, and the safety of the XML reader the tests use. */
class WbxmlXmlTest {

    static java.util.List<String> vectors() {
        return Vectors.names();
    }

    @Test
    void rendersTheRootPageAsDefaultNamespaceAndOthersWithLowerCasePrefixes() {
        WbxmlElement sync = WbxmlElement.of(CodePage.AIRSYNC, "Sync")
                .add(WbxmlElement.of(CodePage.AIRSYNC, "ApplicationData")
                        .add(CodePage.EMAIL, "Subject", "a < b & c > d")
                        .add(WbxmlElement.opaque(CodePage.EMAIL2, "ConversationId", new byte[] {1, 2, 3}))
                        .add(WbxmlElement.of(CodePage.AIRSYNCBASE, "Body")));

        assertThat(WbxmlXml.toXml(sync))
                .isEqualTo("<Sync xmlns=\"AirSync:\" xmlns:email=\"Email:\" xmlns:airsyncbase=\"AirSyncBase:\""
                        + " xmlns:email2=\"Email2:\"><ApplicationData><email:Subject>a &lt; b &amp; c &gt; d"
                        + "</email:Subject><email2:ConversationId>AQID</email2:ConversationId><airsyncbase:Body/>"
                        + "</ApplicationData></Sync>");
    }

    @Test
    void escapesControlCharacters() {
        WbxmlElement key = WbxmlElement.text(CodePage.AIRSYNC, "SyncKey", "a\r\n\u0001");

        assertThat(key.toString()).isEqualTo("<SyncKey xmlns=\"AirSync:\">a&#xD;\n&#x1;</SyncKey>");
    }

    @ParameterizedTest
    @MethodSource("vectors")
    void readsBackWhatItRendersForEveryVector(String name) throws Exception {
        WbxmlElement tree = Vectors.tree(name);
        String xml = WbxmlXml.toXml(tree);

        assertThat(VectorXml.parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8))))
                .isEqualTo(tree);
    }

    @Test
    void testXmlReaderResolvesNoExternalEntity(@TempDir Path dir) throws Exception {
        Path secret = Files.writeString(dir.resolve("secret.txt"), "TOP-SECRET");
        String xml = "<?xml version=\"1.0\"?><!DOCTYPE Sync [<!ENTITY xxe SYSTEM \"" + secret.toUri()
                + "\">]><Sync xmlns=\"AirSync:\"><SyncKey>&xxe;</SyncKey></Sync>";

        Throwable thrown =
                catchThrowable(() -> VectorXml.parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)))
                        .text("SyncKey"));

        assertThat(String.valueOf(thrown)).doesNotContain("TOP-SECRET");
        assertThat(thrown).isNotNull();
    }
}
