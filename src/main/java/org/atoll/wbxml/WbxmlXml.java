package org.atoll.wbxml;

import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Deque;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * Renders a {@link WbxmlElement} tree as XML for logs and tests, in the form libwbxml and the project's test
 * vectors use: the root's code page is the default namespace, every other page used in the tree is declared on the
 * root with its lower-case name as prefix, and each namespace name ends with a colon ({@code xmlns="AirSync:"},
 * {@code xmlns:airsyncbase="AirSyncBase:"}). Opaque values are shown in base64. No whitespace is added.
 */
public final class WbxmlXml {

    private WbxmlXml() {}

    /** The prefix under which elements of {@code page} appear when it is not the root's page. */
    public static String prefix(CodePage page) {
        return page.namespace().toLowerCase(Locale.ROOT);
    }

    /** The tree as one line of XML, without an XML declaration. */
    public static String toXml(WbxmlElement root) {
        StringBuilder xml = new StringBuilder();
        Set<CodePage> pages = EnumSet.noneOf(CodePage.class);
        Deque<WbxmlElement> pending = new ArrayDeque<>();
        pending.push(root);
        while (!pending.isEmpty()) {
            WbxmlElement element = pending.pop();
            pages.add(element.page());
            element.childList().forEach(pending::push);
        }
        pages.remove(root.page());

        CodePage rootPage = root.page();
        xml.append('<')
                .append(root.name())
                .append(" xmlns=\"")
                .append(rootPage.namespace())
                .append(":\"");
        for (CodePage page : pages) {
            xml.append(" xmlns:")
                    .append(prefix(page))
                    .append("=\"")
                    .append(page.namespace())
                    .append(":\"");
        }
        closeStartTag(root, xml);

        Deque<Object> work = new ArrayDeque<>();
        pushChildren(root, rootPage, work);
        while (!work.isEmpty()) {
            Object next = work.pop();
            if (next instanceof WbxmlElement element) {
                xml.append('<');
                name(element, rootPage, xml);
                closeStartTag(element, xml);
                pushChildren(element, rootPage, work);
            } else {
                xml.append((String) next);
            }
        }
        return xml.toString();
    }

    private static void closeStartTag(WbxmlElement element, StringBuilder xml) {
        if (element.isEmpty()) {
            xml.append("/>");
            return;
        }
        xml.append('>');
        String text = element.textOrNull();
        byte[] opaque = element.opaqueOrNull();
        if (text != null) {
            escape(text, xml);
        } else if (opaque != null) {
            xml.append(Base64.getEncoder().encodeToString(opaque));
        }
    }

    private static void pushChildren(WbxmlElement element, CodePage rootPage, Deque<Object> work) {
        if (element.isEmpty()) {
            return;
        }
        StringBuilder end = new StringBuilder("</");
        name(element, rootPage, end);
        work.push(end.append('>').toString());
        var children = element.childList();
        for (int i = children.size() - 1; i >= 0; i--) {
            work.push(children.get(i));
        }
    }

    private static void name(WbxmlElement element, CodePage rootPage, StringBuilder xml) {
        if (element.page() != rootPage) {
            xml.append(prefix(element.page())).append(':');
        }
        xml.append(element.name());
    }

    private static void escape(String text, StringBuilder xml) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> xml.append("&amp;");
                case '<' -> xml.append("&lt;");
                case '>' -> xml.append("&gt;");
                default -> {
                    if (c < 0x20 && c != '\t' && c != '\n' || c == '\r') {
                        xml.append("&#x")
                                .append(Integer.toHexString(c).toUpperCase(Locale.ROOT))
                                .append(';');
                    } else {
                        xml.append(c);
                    }
                }
            }
        }
    }
}
