package org.atoll.wbxml;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One element of an ActiveSync document: a tag of a {@link CodePage} and its content.
 *
 * <p>The content is one of: nothing, child elements, text, or opaque bytes (MS-ASWBXML 2.1.1; ActiveSync has no
 * mixed content and no attributes). An empty text is the same as no content. Elements are built with
 * {@link #of(CodePage, String)} and {@link #add(WbxmlElement)}, and read with {@link #child(String)},
 * {@link #children(String)} and {@link #text(String)}, which look on the element's own code page unless a page is
 * given. Equality is structural, opaque bytes compared by content.
 *
 * <p>A {@linkplain #streamed streamed} element produces its children only while it is written, so a response of
 * any size passes through memory a part at a time.
 */
public final class WbxmlElement {

    private final CodePage page;
    private final String name;
    private final List<WbxmlElement> children = new ArrayList<>();
    private @Nullable String text;
    private byte @Nullable [] opaque;
    private @Nullable Iterable<WbxmlElement> produced;

    private WbxmlElement(CodePage page, String name) {
        if (!page.hasTag(name)) {
            throw new IllegalArgumentException(page.namespace() + " has no tag " + name);
        }
        this.page = page;
        this.name = name;
    }

    /**
     * An element without content.
     *
     * @throws IllegalArgumentException when {@code page} has no tag called {@code name}
     */
    public static WbxmlElement of(CodePage page, String name) {
        return new WbxmlElement(page, name);
    }

    /**
     * An element holding text, written as an inline string.
     *
     * <p>The text is written as UTF-8; an unpaired surrogate in it is written as {@code ?}.
     *
     * @throws IllegalArgumentException when the page has no such tag, or the text contains U+0000 (an inline
     *     string ends at the first zero byte, WBXML 1.3 section 5.8.4.1)
     */
    public static WbxmlElement text(CodePage page, String name, String text) {
        return new WbxmlElement(page, name).setText(text);
    }

    /** An element holding opaque bytes (a MIME body, a conversation id), written as OPAQUE. */
    public static WbxmlElement opaque(CodePage page, String name, byte[] data) {
        WbxmlElement element = new WbxmlElement(page, name);
        element.opaque = data.clone();
        return element;
    }

    /**
     * An element whose children come from {@code children} as it is written: the encoder asks for the next child
     * only when it has written the previous one, so nothing holds them all at once. Reading the element's children
     * (for a log line or a test) iterates {@code children} again, so it must be iterable more than once.
     */
    public static WbxmlElement streamed(CodePage page, String name, Iterable<WbxmlElement> children) {
        WbxmlElement element = new WbxmlElement(page, name);
        element.produced = Objects.requireNonNull(children);
        return element;
    }

    /**
     * Appends a child element and returns this element.
     *
     * @throws IllegalStateException when this element holds text or opaque bytes, or is streamed
     */
    public WbxmlElement add(WbxmlElement child) {
        if (produced != null) {
            throw new IllegalStateException(qualifiedName() + " is streamed and takes no more children");
        }
        if (text != null || opaque != null) {
            throw new IllegalStateException(qualifiedName() + " holds a value and cannot take children");
        }
        children.add(Objects.requireNonNull(child));
        return this;
    }

    /** Appends a child with text on this element's page and returns this element. */
    public WbxmlElement add(String childName, String childText) {
        return add(text(page, childName, childText));
    }

    /** Appends a child with text on {@code childPage} and returns this element. */
    public WbxmlElement add(CodePage childPage, String childName, String childText) {
        return add(text(childPage, childName, childText));
    }

    /** Appends an empty child on this element's page and returns this element. */
    public WbxmlElement addEmpty(String childName) {
        return add(of(page, childName));
    }

    public CodePage page() {
        return page;
    }

    public String name() {
        return name;
    }

    /** {@code Page:Name}, as used in logs and error messages. */
    public String qualifiedName() {
        return page.namespace() + ":" + name;
    }

    /** The child elements in document order (unmodifiable). */
    public List<WbxmlElement> children() {
        return Collections.unmodifiableList(childList());
    }

    /** The first child with this name on this element's page. */
    public Optional<WbxmlElement> child(String childName) {
        return child(page, childName);
    }

    /** The first child with this name on {@code childPage}. */
    public Optional<WbxmlElement> child(CodePage childPage, String childName) {
        for (WbxmlElement child : childList()) {
            if (child.page == childPage && child.name.equals(childName)) {
                return Optional.of(child);
            }
        }
        return Optional.empty();
    }

    /** Every child with this name on this element's page, in document order. */
    public List<WbxmlElement> children(String childName) {
        return children(page, childName);
    }

    /** Every child with this name on {@code childPage}, in document order. */
    public List<WbxmlElement> children(CodePage childPage, String childName) {
        return childList().stream()
                .filter(child -> child.page == childPage && child.name.equals(childName))
                .toList();
    }

    /** The text of the first child with this name on this element's page, if it has text. */
    public Optional<String> text(String childName) {
        return child(childName).flatMap(WbxmlElement::text);
    }

    /** The text of the first child with this name on {@code childPage}, if it has text. */
    public Optional<String> text(CodePage childPage, String childName) {
        return child(childPage, childName).flatMap(WbxmlElement::text);
    }

    /** This element's text, if it holds text. */
    public Optional<String> text() {
        return Optional.ofNullable(text);
    }

    /** A copy of this element's opaque bytes, if it holds opaque data. */
    public Optional<byte[]> opaque() {
        return opaque == null ? Optional.empty() : Optional.of(opaque.clone());
    }

    /** Whether the element has no children, no text and no opaque bytes. */
    public boolean isEmpty() {
        return childList().isEmpty() && text == null && opaque == null;
    }

    /** Whether the element's children are produced as it is written. */
    boolean isStreamed() {
        return produced != null;
    }

    @Nullable
    String textOrNull() {
        return text;
    }

    byte @Nullable [] opaqueOrNull() {
        return opaque;
    }

    List<WbxmlElement> childList() {
        if (produced == null) {
            return children;
        }
        List<WbxmlElement> all = new ArrayList<>();
        produced.forEach(all::add);
        return all;
    }

    /** The children one at a time; a streamed element's are produced as they are asked for. */
    Iterator<WbxmlElement> childIterator() {
        return produced == null ? children.iterator() : produced.iterator();
    }

    WbxmlElement setText(String value) {
        if (value.indexOf('\0') >= 0) {
            throw new IllegalArgumentException(qualifiedName() + ": text must not contain U+0000");
        }
        if (!children.isEmpty() || opaque != null || produced != null) {
            throw new IllegalStateException(qualifiedName() + " already has content");
        }
        text = value.isEmpty() ? null : value;
        return this;
    }

    void setOpaqueOwned(byte[] data) {
        opaque = data;
    }

    @Override
    public boolean equals(@Nullable Object other) {
        return other instanceof WbxmlElement that
                && page == that.page
                && name.equals(that.name)
                && Objects.equals(text, that.text)
                && Arrays.equals(opaque, that.opaque)
                && childList().equals(that.childList());
    }

    @Override
    public int hashCode() {
        return Objects.hash(page, name, text, Arrays.hashCode(opaque), childList());
    }

    /** The element as XML, see {@link WbxmlXml#toXml(WbxmlElement)}. */
    @Override
    public String toString() {
        return WbxmlXml.toXml(this);
    }
}
