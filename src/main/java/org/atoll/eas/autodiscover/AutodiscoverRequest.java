package org.atoll.eas.autodiscover;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * An Autodiscover request (MS-ASCMD 6.3): the address to configure and the response schema the client accepts.
 * Parsed with DTDs, external entities and XInclude off, so a request can neither read files nor expand entities.
 */
record AutodiscoverRequest(String emailAddress, String acceptableResponseSchema) {

    /** Largest request body read; real requests are a few hundred bytes. */
    static final int MAX_BYTES = 16 * 1024;

    static final String REQUEST_NAMESPACE =
            "http://schemas.microsoft.com/exchange/autodiscover/mobilesync/requestschema/2006";

    /** Thrown for a body that is not a well-formed Autodiscover request. */
    static final class Malformed extends Exception {
        Malformed(String message) {
            super(message);
        }
    }

    static AutodiscoverRequest parse(byte[] body) throws Malformed {
        if (body.length == 0 || body.length > MAX_BYTES) {
            throw new Malformed("An Autodiscover request has 1 to " + MAX_BYTES + " bytes");
        }
        Document document;
        try {
            document = builder().parse(new ByteArrayInputStream(body));
        } catch (SAXException | IOException e) {
            throw new Malformed("Not well-formed XML");
        }
        Element root = document.getDocumentElement();
        if (!"Autodiscover".equals(root.getLocalName())) {
            throw new Malformed("The root element is not Autodiscover");
        }
        return new AutodiscoverRequest(text(root, "EMailAddress"), text(root, "AcceptableResponseSchema"));
    }

    private static String text(Element root, String name) throws Malformed {
        NodeList found = root.getElementsByTagNameNS(REQUEST_NAMESPACE, name);
        if (found.getLength() != 1) {
            throw new Malformed("The request needs exactly one " + name);
        }
        return found.item(0).getTextContent().strip();
    }

    private static DocumentBuilder builder() {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
            factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            factory.setXIncludeAware(false);
            factory.setExpandEntityReferences(false);
            DocumentBuilder builder = factory.newDocumentBuilder();
            builder.setErrorHandler(null);
            return builder;
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("The JDK's XML parser lacks a required feature", e);
        }
    }
}
