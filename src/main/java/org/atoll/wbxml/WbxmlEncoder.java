package org.atoll.wbxml;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;

/**
 * Writes a {@link WbxmlElement} tree as ActiveSync WBXML (MS-ASWBXML 2.1.1) in the form Exchange and libwbxml use.
 *
 * <p>The header is {@code 03 01 6A 00}: WBXML 1.3, unknown public identifier, UTF-8, empty string table. Text is
 * written as inline strings (STR_I) and opaque values as OPAQUE. A SWITCH_PAGE precedes every tag whose page
 * differs from the current one, the current page being 0 at the start, so a document whose root is not on page 0
 * begins with one. Elements without content are written without the content bit and without END. The tree is
 * walked without recursion, so depth costs heap rather than stack. A {@linkplain WbxmlElement#streamed streamed}
 * element is always written with content (an empty one as its tag and END), its children asked for one at a time.
 * Instances are stateless and thread-safe.
 */
public final class WbxmlEncoder {

    private static final byte[] HEADER = {0x03, 0x01, 0x6A, 0x00};

    /**
     * The document as bytes.
     *
     * @param root the root element
     */
    public byte[] encode(WbxmlElement root) {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        try {
            write(root, buffer);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return buffer.toByteArray();
    }

    /**
     * Streams the document to {@code out}, flushing but not closing it.
     *
     * @throws IOException when writing fails
     */
    public void encode(WbxmlElement root, OutputStream out) throws IOException {
        BufferedOutputStream buffered = new BufferedOutputStream(out, 8192);
        write(root, buffered);
        buffered.flush();
    }

    private static void write(WbxmlElement root, OutputStream out) throws IOException {
        out.write(HEADER);
        new Walk(out).run(root);
    }

    /** One depth-first pass over one tree. */
    private static final class Walk {
        private final OutputStream out;
        /** The elements whose children are being written, innermost first. */
        private final Deque<Iterator<WbxmlElement>> stack = new ArrayDeque<>();

        private int page;

        Walk(OutputStream out) {
            this.out = out;
        }

        void run(WbxmlElement root) throws IOException {
            start(root);
            while (!stack.isEmpty()) {
                Iterator<WbxmlElement> open = stack.getFirst();
                if (open.hasNext()) {
                    start(open.next());
                } else {
                    stack.pop();
                    out.write(WbxmlDecoder.END);
                }
            }
        }

        private void start(WbxmlElement element) throws IOException {
            int number = element.page().number();
            if (number != page) {
                out.write(WbxmlDecoder.SWITCH_PAGE);
                out.write(number);
                page = number;
            }
            int token = element.page().tokenOf(element.name());
            if (!element.isStreamed() && element.isEmpty()) {
                out.write(token);
                return;
            }
            out.write(token | WbxmlDecoder.CONTENT_BIT);
            String text = element.textOrNull();
            byte[] opaque = element.opaqueOrNull();
            if (text != null) {
                out.write(WbxmlDecoder.STR_I);
                out.write(text.getBytes(StandardCharsets.UTF_8));
                out.write(0);
                out.write(WbxmlDecoder.END);
            } else if (opaque != null) {
                out.write(WbxmlDecoder.OPAQUE);
                writeMbUInt32(out, opaque.length);
                out.write(opaque);
                out.write(WbxmlDecoder.END);
            } else {
                stack.push(element.childIterator());
            }
        }
    }

    /** An mb_u_int32 (WBXML 1.3 section 5.1): seven bits a byte, most significant first. */
    static void writeMbUInt32(OutputStream out, long value) throws IOException {
        byte[] bytes = new byte[5];
        int i = bytes.length;
        long rest = value;
        bytes[--i] = (byte) (rest & 0x7F);
        rest >>>= 7;
        while (rest != 0) {
            bytes[--i] = (byte) ((rest & 0x7F) | 0x80);
            rest >>>= 7;
        }
        out.write(bytes, i, bytes.length - i);
    }
}
