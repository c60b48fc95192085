package org.atoll.wbxml;

/**
 * Bounds that {@link WbxmlDecoder} enforces before it allocates or descends, so that a hostile request costs at
 * most these amounts. Every declared length is checked against both the bytes left in the input and its limit
 * before anything is allocated for it.
 *
 * <p>Inline strings and opaque data are copied from the input, so they never make a document larger than itself;
 * string-table references can (WBXML 1.3 sections 5.7 and 5.8.4.3): a 64 KiB entry named by two-byte STR_T tokens
 * would turn a 90 KB body into gigabytes of text. {@link #maxStringTableReferences()} and
 * {@link #maxDecodedBytes()} close that door.
 *
 * @param maxDocumentBytes largest accepted input, header included (WBXML 1.3 section 5.3, the whole body);
 *     default 32 MiB, enough for a SendMail with attachments inline, and equal to the default of
 *     {@code atoll.eas.max-request-bytes}
 * @param maxDepth deepest element nesting, the root being depth 1 (MS-ASWBXML 2.1.1; the deepest ActiveSync
 *     schema nests about a dozen levels); default 64
 * @param maxElements most elements in one document (WBXML 1.3 section 5.8.2, each tag token); default 100,000
 * @param maxStringTableBytes longest string table (WBXML 1.3 section 5.7; ActiveSync writers send an empty one);
 *     default 64 KiB
 * @param maxStringBytes longest text value of one element in UTF-8 bytes (WBXML 1.3 section 5.8.4.1, inline
 *     strings, consecutive strings counted together); default 16 MiB
 * @param maxOpaqueBytes longest opaque value (WBXML 1.3 section 5.8.4.6, MS-ASWBXML 2.1.1); default 32 MiB
 * @param maxStringTableReferences most STR_T tokens in one document (WBXML 1.3 section 5.8.4.3; ActiveSync writers
 *     send none, MS-ASWBXML 2.1.1); default 10,000
 * @param maxDecodedBytes most bytes one document decodes to: the UTF-8 bytes of every string, each string-table
 *     reference counted at the full length of the entry it names, plus all opaque data. A document may decode to
 *     at most this many bytes and at most twice its own length plus {@code maxStringTableBytes}, whichever is
 *     smaller, so a small body stays small however often it names its string table; default 64 MiB
 */
public record WbxmlLimits(
        int maxDocumentBytes,
        int maxDepth,
        int maxElements,
        int maxStringTableBytes,
        int maxStringBytes,
        int maxOpaqueBytes,
        int maxStringTableReferences,
        long maxDecodedBytes) {

    /** The defaults listed on the record components. */
    public static final WbxmlLimits DEFAULT = new WbxmlLimits(
            32 * 1024 * 1024, 64, 100_000, 64 * 1024, 16 * 1024 * 1024, 32 * 1024 * 1024, 10_000, 64L * 1024 * 1024);

    public WbxmlLimits {
        if (maxDocumentBytes < 5
                || maxDepth < 1
                || maxElements < 1
                || maxStringTableBytes < 0
                || maxStringBytes < 0
                || maxOpaqueBytes < 0
                || maxStringTableReferences < 0
                || maxDecodedBytes < 0) {
            throw new IllegalArgumentException("limits out of range: document " + maxDocumentBytes + ", depth "
                    + maxDepth + ", elements " + maxElements + ", string table " + maxStringTableBytes + ", string "
                    + maxStringBytes + ", opaque " + maxOpaqueBytes + ", string-table references "
                    + maxStringTableReferences + ", decoded " + maxDecodedBytes);
        }
    }

    /**
     * The most bytes a document of {@code inputLength} bytes may decode to: {@link #maxDecodedBytes()}, or twice
     * the input plus {@link #maxStringTableBytes()} if that is smaller.
     */
    public long decodedBudget(int inputLength) {
        return Math.min(maxDecodedBytes, 2L * inputLength + maxStringTableBytes);
    }

    public WbxmlLimits withMaxDocumentBytes(int value) {
        return new WbxmlLimits(
                value,
                maxDepth,
                maxElements,
                maxStringTableBytes,
                maxStringBytes,
                maxOpaqueBytes,
                maxStringTableReferences,
                maxDecodedBytes);
    }

    public WbxmlLimits withMaxDepth(int value) {
        return new WbxmlLimits(
                maxDocumentBytes,
                value,
                maxElements,
                maxStringTableBytes,
                maxStringBytes,
                maxOpaqueBytes,
                maxStringTableReferences,
                maxDecodedBytes);
    }

    public WbxmlLimits withMaxElements(int value) {
        return new WbxmlLimits(
                maxDocumentBytes,
                maxDepth,
                value,
                maxStringTableBytes,
                maxStringBytes,
                maxOpaqueBytes,
                maxStringTableReferences,
                maxDecodedBytes);
    }

    public WbxmlLimits withMaxStringTableBytes(int value) {
        return new WbxmlLimits(
                maxDocumentBytes,
                maxDepth,
                maxElements,
                value,
                maxStringBytes,
                maxOpaqueBytes,
                maxStringTableReferences,
                maxDecodedBytes);
    }

    public WbxmlLimits withMaxStringBytes(int value) {
        return new WbxmlLimits(
                maxDocumentBytes,
                maxDepth,
                maxElements,
                maxStringTableBytes,
                value,
                maxOpaqueBytes,
                maxStringTableReferences,
                maxDecodedBytes);
    }

    public WbxmlLimits withMaxOpaqueBytes(int value) {
        return new WbxmlLimits(
                maxDocumentBytes,
                maxDepth,
                maxElements,
                maxStringTableBytes,
                maxStringBytes,
                value,
                maxStringTableReferences,
                maxDecodedBytes);
    }

    public WbxmlLimits withMaxStringTableReferences(int value) {
        return new WbxmlLimits(
                maxDocumentBytes,
                maxDepth,
                maxElements,
                maxStringTableBytes,
                maxStringBytes,
                maxOpaqueBytes,
                value,
                maxDecodedBytes);
    }

    public WbxmlLimits withMaxDecodedBytes(long value) {
        return new WbxmlLimits(
                maxDocumentBytes,
                maxDepth,
                maxElements,
                maxStringTableBytes,
                maxStringBytes,
                maxOpaqueBytes,
                maxStringTableReferences,
                value);
    }
}
