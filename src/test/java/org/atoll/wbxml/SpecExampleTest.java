package org.atoll.wbxml;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import javax.xml.stream.XMLStreamException;
import org.junit.jupiter.api.Test;

/**
 * The worked example of MS-ASWBXML section 4 ("Algorithm Examples"): a Sync response adding a contact, with the XML
 * and the exact bytes the specification gives for it. The namespaces there have no trailing colon.
 */
class SpecExampleTest {

    private static final String XML = """
            <?xml version="1.0" encoding="utf-8"?>
            <Sync xmlns="AirSync" xmlns:airsyncbase="AirSyncBase" xmlns:contacts="Contacts">
              <Collections>
                <Collection>
                  <Class>Contacts</Class>
                  <SyncKey>2</SyncKey>
                  <CollectionId>2</CollectionId>
                  <Status>1</Status>
                  <Commands>
                    <Add>
                      <ServerId>2:1</ServerId>
                      <ApplicationData>
                        <airsyncbase:Body>
                          <airsyncbase:Type>1</airsyncbase:Type>
                          <airsyncbase:EstimatedDataSize>0</airsyncbase:EstimatedDataSize>
                          <airsyncbase:Truncated>1</airsyncbase:Truncated>
                        </airsyncbase:Body>
                        <contacts:FileAs>Funk, Don</contacts:FileAs>
                        <contacts:FirstName>Don</contacts:FirstName>
                        <contacts:LastName>Funk</contacts:LastName>
                        <airsyncbase:NativeBodyType>1</airsyncbase:NativeBodyType>
                      </ApplicationData>
                    </Add>
                  </Commands>
                </Collection>
              </Collections>
            </Sync>
            """;

    private static final String WBXML = """
            03 01 6A 00 45 5C 4F 50 03 43 6F 6E 74 61 63 74 73 00 01 4B 03 32 00 01 52 03 32 00 01 4E 03 31 00 01
            56 47 4D 03 32 3A 31 00 01 5D 00 11 4A 46 03 31 00 01 4C 03 30 00 01 4D 03 31 00 01 01 00 01 5E 03 46
            75 6E 6B 2C 20 44 6F 6E 00 01 5F 03 44 6F 6E 00 01 69 03 46 75 6E 6B 00 01 00 11 56 03 31 00 01 01 01
            01 01 01 01
            """;

    private static WbxmlElement tree() throws XMLStreamException {
        return VectorXml.parse(new ByteArrayInputStream(XML.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void encodesTheSpecExampleByteForByte() throws XMLStreamException {
        assertThat(Bytes.hex(new WbxmlEncoder().encode(tree()))).isEqualTo(Bytes.hex(Bytes.hex(WBXML)));
    }

    @Test
    void decodesTheSpecExampleToItsXml() throws Exception {
        WbxmlElement sync = new WbxmlDecoder().decode(Bytes.hex(WBXML));

        assertThat(sync).isEqualTo(tree());
        WbxmlElement data = sync.child("Collections")
                .flatMap(c -> c.child("Collection"))
                .flatMap(c -> c.child("Commands"))
                .flatMap(c -> c.child("Add"))
                .flatMap(a -> a.child("ApplicationData"))
                .orElseThrow();
        assertThat(data.text(CodePage.CONTACTS, "FileAs")).contains("Funk, Don");
        assertThat(data.text(CodePage.AIRSYNCBASE, "NativeBodyType")).contains("1");
    }
}
