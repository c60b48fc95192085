package org.atoll.wbxml;

/**
 * Input that is not an ActiveSync WBXML document this codec accepts. The {@link #reason()} names the fact; the
 * {@link #offset()} is the byte position in the input where it was found.
 */
public final class WbxmlException extends Exception {

    private static final long serialVersionUID = 1L;

    /** Why the input was rejected. */
    public enum Reason {
        /** The input ends inside the header, a token, a string or opaque data. */
        TRUNCATED,
        /** The version byte is not WBXML 1.1, 1.2 or 1.3 (MS-ASWBXML 2.1.1). */
        UNSUPPORTED_VERSION,
        /** The charset is not UTF-8, MIBenum 106 (MS-ASWBXML 2.1.1). */
        UNSUPPORTED_CHARSET,
        /** An mb_u_int32 is longer than five bytes or above 2^32 - 1 (WBXML 1.3 section 5.1). */
        MALFORMED_MB_U_INT32,
        /** A string-table reference points outside the table or at a string without terminator. */
        STRING_TABLE_OFFSET_OUT_OF_RANGE,
        /** SWITCH_PAGE names a page ActiveSync does not define (MS-ASWBXML 2.1.2.1). */
        UNKNOWN_CODE_PAGE,
        /** A tag token that the current code page does not define. */
        UNKNOWN_TAG,
        /** A tag with the attribute bit set; ActiveSync uses no attributes (MS-ASWBXML 2.1.1). */
        ATTRIBUTES_NOT_SUPPORTED,
        /** ENTITY, EXT, PI or LITERAL tokens, which ActiveSync does not use. */
        UNSUPPORTED_TOKEN,
        /** END with no element open. */
        UNEXPECTED_END,
        /** Text or opaque data outside the root element. */
        CONTENT_OUTSIDE_ROOT,
        /** Bytes after the END of the root element. */
        TRAILING_BYTES,
        /** An element holding both child elements and a value, or opaque data together with anything else. */
        MIXED_CONTENT,
        /** An inline or table string that is not well-formed UTF-8. */
        INVALID_UTF8,
        /** The input is larger than {@link WbxmlLimits#maxDocumentBytes()}. */
        DOCUMENT_TOO_LARGE,
        /** Elements nest deeper than {@link WbxmlLimits#maxDepth()}. */
        TOO_DEEP,
        /** More elements than {@link WbxmlLimits#maxElements()}. */
        TOO_MANY_ELEMENTS,
        /** The declared string table is longer than {@link WbxmlLimits#maxStringTableBytes()}. */
        STRING_TABLE_TOO_LARGE,
        /** A text value is longer than {@link WbxmlLimits#maxStringBytes()}. */
        STRING_TOO_LONG,
        /** Declared opaque data is longer than {@link WbxmlLimits#maxOpaqueBytes()}. */
        OPAQUE_TOO_LONG,
        /** More STR_T tokens than {@link WbxmlLimits#maxStringTableReferences()}. */
        TOO_MANY_STRING_TABLE_REFERENCES,
        /** All values together are longer than {@link WbxmlLimits#decodedBudget(int)} allows for this input. */
        DECODED_TOO_LARGE
    }

    private final Reason reason;
    private final long offset;

    public WbxmlException(Reason reason, long offset, String message) {
        super(reason + " at byte " + offset + ": " + message);
        this.reason = reason;
        this.offset = offset;
    }

    public Reason reason() {
        return reason;
    }

    /** Position in the input, counted from the first header byte. */
    public long offset() {
        return offset;
    }
}
