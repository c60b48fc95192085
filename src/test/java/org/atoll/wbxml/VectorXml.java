package org.atoll.wbxml;

import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Deque;
import java.util.Set;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Reads the XML side of a test vector into a {@link WbxmlElement} tree. The namespace of each element names its code
 * page ({@code AirSync:} or the spec's {@code AirSync}); whitespace-only text between tags is dropped; text of leaf
 * elements is kept exactly. DTDs are not processed and external entities are not resolved.
 */
final class VectorXml {

    /**
     * Elements that libwbxml writes as OPAQUE, base64-decoding their XML text: it treats the Email2 conversation id
     * and index as binary (they are binary in Exchange too), so their XML form is base64.
     */
    static final Set<String> OPAQUE_AS_BASE64 = Set.of("Email2:ConversationId", "Email2:ConversationIndex");

    private VectorXml() {}

    static XMLInputFactory safeFactory() {
        XMLInputFactory factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
        factory.setProperty(XMLInputFactory.IS_COALESCING, true);
        return factory;
    }

    static WbxmlElement parse(InputStream xml) throws XMLStreamException {
        XMLStreamReader reader = safeFactory().createXMLStreamReader(xml);
        Deque<WbxmlElement> open = new ArrayDeque<>();
        Deque<StringBuilder> texts = new ArrayDeque<>();
        WbxmlElement root = null;
        while (reader.hasNext()) {
            switch (reader.next()) {
                case XMLStreamConstants.START_ELEMENT -> {
                    CodePage page = page(reader.getNamespaceURI());
                    WbxmlElement element = WbxmlElement.of(page, reader.getLocalName());
                    if (open.isEmpty()) {
                        root = element;
                    } else {
                        open.getFirst().add(element);
                    }
                    open.push(element);
                    texts.push(new StringBuilder());
                }
                case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> {
                    if (!texts.isEmpty()) {
                        texts.getFirst().append(reader.getText());
                    }
                }
                case XMLStreamConstants.ENTITY_REFERENCE ->
                    throw new XMLStreamException("entity reference not allowed: " + reader.getLocalName());
                case XMLStreamConstants.END_ELEMENT -> {
                    WbxmlElement element = open.pop();
                    String text = texts.pop().toString();
                    if (element.children().isEmpty() && !text.isEmpty()) {
                        if (OPAQUE_AS_BASE64.contains(element.qualifiedName())) {
                            element.setOpaqueOwned(Base64.getDecoder().decode(text.strip()));
                        } else {
                            element.setText(text);
                        }
                    } else if (!text.isBlank()) {
                        throw new XMLStreamException("mixed content in " + element.qualifiedName());
                    }
                }
                default -> {}
            }
        }
        if (root == null) {
            throw new XMLStreamException("no root element");
        }
        return root;
    }

    private static CodePage page(String namespaceUri) throws XMLStreamException {
        String name = namespaceUri == null ? "" : namespaceUri;
        if (name.endsWith(":")) {
            name = name.substring(0, name.length() - 1);
        }
        String finalName = name;
        return CodePage.byNamespace(name)
                .orElseThrow(() -> new XMLStreamException("no code page for namespace '" + finalName + "'"));
    }
}
