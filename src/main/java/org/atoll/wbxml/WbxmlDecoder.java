package org.atoll.wbxml;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import org.atoll.wbxml.WbxmlException.Reason;
import org.jspecify.annotations.Nullable;

/**
 * Turns ActiveSync WBXML bytes into a {@link WbxmlElement} tree (MS-ASWBXML 2.1.1, WBXML 1.3).
 *
 * <p>Accepted: versions 1.1 to 1.3, any public identifier, charset UTF-8 only, a string table (referenced by STR_T),
 * SWITCH_PAGE, END, STR_I, STR_T, OPAQUE and tags with or without the content bit. Rejected with a
 * {@link WbxmlException}: the attribute bit, ENTITY, EXT_*, PI and LITERAL_* tokens, unknown code pages and tags,
 * mixed content, and strings that are not well-formed UTF-8 (they are rejected rather than repaired, since sync
 * keys and server ids must round-trip exactly). Consecutive strings in one element are joined. Every input yields
 * a tree or a {@code WbxmlException}; the {@link WbxmlLimits} bound memory and work. Instances are immutable and
 * thread-safe.
 */
public final class WbxmlDecoder {

    static final int SWITCH_PAGE = 0x00;
    static final int END = 0x01;
    static final int ENTITY = 0x02;
    static final int STR_I = 0x03;
    static final int LITERAL = 0x04;
    static final int EXT_I_0 = 0x40;
    static final int EXT_I_2 = 0x42;
    static final int PI = 0x43;
    static final int LITERAL_C = 0x44;
    static final int EXT_T_0 = 0x80;
    static final int EXT_T_2 = 0x82;
    static final int STR_T = 0x83;
    static final int LITERAL_A = 0x84;
    static final int EXT_0 = 0xC0;
    static final int EXT_2 = 0xC2;
    static final int OPAQUE = 0xC3;
    static final int LITERAL_AC = 0xC4;
    static final int CONTENT_BIT = 0x40;
    static final int ATTRIBUTE_BIT = 0x80;
    static final int CHARSET_UTF_8 = 106;

    private final WbxmlLimits limits;

    /** A decoder with {@link WbxmlLimits#DEFAULT}. */
    public WbxmlDecoder() {
        this(WbxmlLimits.DEFAULT);
    }

    public WbxmlDecoder(WbxmlLimits limits) {
        this.limits = limits;
    }

    public WbxmlLimits limits() {
        return limits;
    }

    /**
     * Decodes a whole document.
     *
     * @return the root element
     * @throws WbxmlException when the bytes are not a document this decoder accepts, or exceed the limits
     */
    public WbxmlElement decode(byte[] input) throws WbxmlException {
        if (input.length > limits.maxDocumentBytes()) {
            throw new WbxmlException(
                    Reason.DOCUMENT_TOO_LARGE, limits.maxDocumentBytes(), "input has " + input.length + " bytes");
        }
        return new Run(input, limits).document();
    }

    /**
     * Reads the stream to its end, at most {@link WbxmlLimits#maxDocumentBytes()} + 1 bytes, and decodes it.
     *
     * @throws IOException when reading fails
     * @throws WbxmlException when the bytes are not a document this decoder accepts, or exceed the limits
     */
    public WbxmlElement decode(InputStream in) throws IOException, WbxmlException {
        int cap = limits.maxDocumentBytes() == Integer.MAX_VALUE ? Integer.MAX_VALUE : limits.maxDocumentBytes() + 1;
        return decode(in.readNBytes(cap));
    }

    /** Where the decoder is in the body: before the root tag, inside an element, or past the root's END. */
    private enum State {
        BEFORE_ROOT,
        IN_ELEMENT,
        AFTER_ROOT
    }

    /** An element whose END has not been read yet. */
    private static final class Open {
        final WbxmlElement element;

        @Nullable
        StringBuilder text;

        long textBytes;

        Open(WbxmlElement element) {
            this.element = element;
        }
    }

    /** A string's bytes within the input. */
    private record Slice(int offset, int length) {}

    /** One decoding pass over one input. */
    private static final class Run {
        private final byte[] in;
        private final WbxmlLimits limits;
        private final CharsetDecoder utf8 = StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        private final Deque<Open> stack = new ArrayDeque<>();
        private int pos;
        private int tableStart;
        private int tableLength;
        private CodePage page = CodePage.AIRSYNC;
        private State state = State.BEFORE_ROOT;
        private int elements;
        private int references;
        private long decoded;
        private final long decodedBudget;
        private @Nullable WbxmlElement root;

        Run(byte[] in, WbxmlLimits limits) {
            this.in = in;
            this.limits = limits;
            this.decodedBudget = limits.decodedBudget(in.length);
        }

        WbxmlElement document() throws WbxmlException {
            header();
            while (pos < in.length) {
                int at = pos;
                int b = in[pos++] & 0xFF;
                if (state == State.AFTER_ROOT) {
                    throw new WbxmlException(
                            Reason.TRAILING_BYTES, at, (in.length - at) + " bytes after the root element");
                }
                switch (b) {
                    case SWITCH_PAGE -> switchPage(at);
                    case END -> end(at);
                    case STR_I -> text(at, inlineString(at));
                    case STR_T -> text(at, reference(at));
                    case OPAQUE -> opaque(at);
                    case ENTITY, LITERAL, PI, LITERAL_C, LITERAL_A, LITERAL_AC -> unsupported(at, b);
                    default -> {
                        if (isExtension(b)) {
                            unsupported(at, b);
                        }
                        tag(at, b);
                    }
                }
            }
            if (root == null) {
                throw new WbxmlException(Reason.TRUNCATED, pos, "no root element");
            }
            if (state != State.AFTER_ROOT) {
                throw new WbxmlException(
                        Reason.TRUNCATED,
                        pos,
                        stack.size() + " element(s) not closed, innermost "
                                + stack.getFirst().element.qualifiedName());
            }
            return root;
        }

        private void header() throws WbxmlException {
            int version = u8("version");
            if (version < 0x01 || version > 0x03) {
                throw new WbxmlException(
                        Reason.UNSUPPORTED_VERSION, 0, "WBXML version byte 0x" + Integer.toHexString(version));
            }
            long publicId = mbUInt32();
            long publicIdIndex = -1;
            int publicIdIndexAt = pos;
            if (publicId == 0) {
                publicIdIndex = mbUInt32();
            }
            int charsetAt = pos;
            long charset = mbUInt32();
            if (charset != CHARSET_UTF_8) {
                throw new WbxmlException(
                        Reason.UNSUPPORTED_CHARSET, charsetAt, "charset MIBenum " + charset + ", only 106 (UTF-8)");
            }
            int lengthAt = pos;
            long length = mbUInt32();
            if (length > limits.maxStringTableBytes()) {
                throw new WbxmlException(
                        Reason.STRING_TABLE_TOO_LARGE,
                        lengthAt,
                        "string table of " + length + " bytes, limit " + limits.maxStringTableBytes());
            }
            requireAvailable(length, lengthAt, "string table");
            tableStart = pos;
            tableLength = (int) length;
            pos += tableLength;
            if (publicIdIndex >= 0) {
                tableString(publicIdIndexAt, publicIdIndex);
            }
        }

        private void switchPage(int at) throws WbxmlException {
            int number = u8("SWITCH_PAGE operand");
            page = CodePage.byNumber(number)
                    .orElseThrow(() -> new WbxmlException(Reason.UNKNOWN_CODE_PAGE, at, "code page " + number));
        }

        private void tag(int at, int b) throws WbxmlException {
            if ((b & ATTRIBUTE_BIT) != 0) {
                throw new WbxmlException(
                        Reason.ATTRIBUTES_NOT_SUPPORTED,
                        at,
                        "tag byte 0x" + Integer.toHexString(b) + " has attributes");
            }
            int token = b & 0x3F;
            String name = page.nameOrNull(token);
            if (name == null) {
                throw new WbxmlException(
                        Reason.UNKNOWN_TAG,
                        at,
                        "token 0x" + Integer.toHexString(token) + " on code page " + page.number() + " ("
                                + page.namespace() + ")");
            }
            if (++elements > limits.maxElements()) {
                throw new WbxmlException(Reason.TOO_MANY_ELEMENTS, at, "more than " + limits.maxElements());
            }
            if (stack.size() + 1 > limits.maxDepth()) {
                throw new WbxmlException(Reason.TOO_DEEP, at, "deeper than " + limits.maxDepth());
            }
            WbxmlElement element = WbxmlElement.of(page, name);
            boolean hasContent = (b & CONTENT_BIT) != 0;
            if (state == State.BEFORE_ROOT) {
                root = element;
            } else {
                Open parent = stack.getFirst();
                if (parent.text != null || parent.element.opaqueOrNull() != null) {
                    throw new WbxmlException(
                            Reason.MIXED_CONTENT, at, parent.element.qualifiedName() + " has a value and a child");
                }
                parent.element.childList().add(element);
            }
            if (hasContent) {
                stack.push(new Open(element));
                state = State.IN_ELEMENT;
            } else if (state == State.BEFORE_ROOT) {
                state = State.AFTER_ROOT;
            }
        }

        private void end(int at) throws WbxmlException {
            if (stack.isEmpty()) {
                throw new WbxmlException(Reason.UNEXPECTED_END, at, "END with no open element");
            }
            Open closed = stack.pop();
            if (closed.text != null) {
                closed.element.setText(closed.text.toString());
            }
            if (stack.isEmpty()) {
                state = State.AFTER_ROOT;
            }
        }

        private void text(int at, Slice slice) throws WbxmlException {
            Open open = current(at);
            if (!open.element.childList().isEmpty() || open.element.opaqueOrNull() != null) {
                throw new WbxmlException(
                        Reason.MIXED_CONTENT, at, open.element.qualifiedName() + " has a child and a value");
            }
            open.textBytes += slice.length();
            if (open.textBytes > limits.maxStringBytes()) {
                throw new WbxmlException(
                        Reason.STRING_TOO_LONG, at, "text longer than " + limits.maxStringBytes() + " bytes");
            }
            count(at, slice.length());
            String decoded;
            try {
                decoded = utf8.decode(ByteBuffer.wrap(in, slice.offset(), slice.length()))
                        .toString();
            } catch (CharacterCodingException e) {
                throw new WbxmlException(Reason.INVALID_UTF8, at, "string is not well-formed UTF-8");
            }
            if (open.text == null) {
                open.text = new StringBuilder(decoded);
            } else {
                open.text.append(decoded);
            }
        }

        private void opaque(int at) throws WbxmlException {
            Open open = current(at);
            int lengthAt = pos;
            long length = mbUInt32();
            if (length > limits.maxOpaqueBytes()) {
                throw new WbxmlException(
                        Reason.OPAQUE_TOO_LONG,
                        lengthAt,
                        "opaque data of " + length + " bytes, limit " + limits.maxOpaqueBytes());
            }
            requireAvailable(length, lengthAt, "opaque data");
            count(at, length);
            if (!open.element.childList().isEmpty() || open.text != null || open.element.opaqueOrNull() != null) {
                throw new WbxmlException(
                        Reason.MIXED_CONTENT, at, open.element.qualifiedName() + " has opaque data and more");
            }
            byte[] data = new byte[(int) length];
            System.arraycopy(in, pos, data, 0, data.length);
            pos += data.length;
            open.element.setOpaqueOwned(data);
        }

        /** An STR_T token's string, counted against {@link WbxmlLimits#maxStringTableReferences()}. */
        private Slice reference(int at) throws WbxmlException {
            if (++references > limits.maxStringTableReferences()) {
                throw new WbxmlException(
                        Reason.TOO_MANY_STRING_TABLE_REFERENCES, at, "more than " + limits.maxStringTableReferences());
            }
            return tableString(at, mbUInt32());
        }

        /** Adds a value's bytes to the document's total before they are decoded or copied. */
        private void count(int at, long bytes) throws WbxmlException {
            decoded += bytes;
            if (decoded > decodedBudget) {
                throw new WbxmlException(
                        Reason.DECODED_TOO_LARGE,
                        at,
                        "values of more than " + decodedBudget + " bytes in a document of " + in.length + " bytes");
            }
        }

        private Open current(int at) throws WbxmlException {
            if (stack.isEmpty()) {
                throw new WbxmlException(Reason.CONTENT_OUTSIDE_ROOT, at, "value outside any element");
            }
            return stack.getFirst();
        }

        private static boolean isExtension(int b) {
            return (b >= EXT_I_0 && b <= EXT_I_2) || (b >= EXT_T_0 && b <= EXT_T_2) || (b >= EXT_0 && b <= EXT_2);
        }

        private void unsupported(int at, int b) throws WbxmlException {
            throw new WbxmlException(
                    Reason.UNSUPPORTED_TOKEN, at, "token 0x" + Integer.toHexString(b) + " is not used by ActiveSync");
        }

        /** The inline string starting at {@code pos}, without its terminator; moves past the terminator. */
        private Slice inlineString(int at) throws WbxmlException {
            int start = pos;
            long max = limits.maxStringBytes();
            for (int i = start; i < in.length; i++) {
                if (in[i] == 0) {
                    pos = i + 1;
                    return new Slice(start, i - start);
                }
                if (i - start >= max) {
                    throw new WbxmlException(Reason.STRING_TOO_LONG, at, "inline string longer than " + max + " bytes");
                }
            }
            throw new WbxmlException(Reason.TRUNCATED, in.length, "inline string without terminator");
        }

        /** The string-table entry at {@code index}, without its terminator. */
        private Slice tableString(int at, long index) throws WbxmlException {
            if (index >= tableLength) {
                throw new WbxmlException(
                        Reason.STRING_TABLE_OFFSET_OUT_OF_RANGE,
                        at,
                        "offset " + index + " in a string table of " + tableLength + " bytes");
            }
            int start = tableStart + (int) index;
            int tableEnd = tableStart + tableLength;
            for (int i = start; i < tableEnd; i++) {
                if (in[i] == 0) {
                    return new Slice(start, i - start);
                }
            }
            throw new WbxmlException(
                    Reason.STRING_TABLE_OFFSET_OUT_OF_RANGE, at, "string at offset " + index + " has no terminator");
        }

        private int u8(String what) throws WbxmlException {
            if (pos >= in.length) {
                throw new WbxmlException(Reason.TRUNCATED, pos, "input ends before the " + what);
            }
            return in[pos++] & 0xFF;
        }

        /** An mb_u_int32 (WBXML 1.3 section 5.1): at most five bytes, value at most 2^32 - 1. */
        private long mbUInt32() throws WbxmlException {
            int start = pos;
            long value = 0;
            for (int i = 0; i < 5; i++) {
                int b = u8("end of a multi-byte integer");
                value = (value << 7) | (b & 0x7F);
                if ((b & 0x80) == 0) {
                    if (value > 0xFFFF_FFFFL) {
                        throw new WbxmlException(Reason.MALFORMED_MB_U_INT32, start, "value above 2^32 - 1");
                    }
                    return value;
                }
            }
            throw new WbxmlException(Reason.MALFORMED_MB_U_INT32, start, "more than five bytes");
        }

        private void requireAvailable(long length, int at, String what) throws WbxmlException {
            if (length > in.length - pos) {
                throw new WbxmlException(
                        Reason.TRUNCATED, at, what + " of " + length + " bytes, " + (in.length - pos) + " left");
            }
        }
    }
}
