package org.atoll.wbxml;

/**
 * Bounds that {@link WbxmlDecoder} enforces before it allocates or descends, so that a hostile request costs at
 * most these amounts. Every declared length is checked against both the bytes left in the input and its limit
 * before anything is allocated for it.
 *
 * @param maxDocumentBytes largest accepted input, header included (WBXML 1.3 section 5.3, the whole body);
 *     default 32 MiB, enough for a SendMail with attachments inline
 * @param maxDepth deepest element nesting, the root being depth 1 (MS-ASWBXML 2.1.1; the deepest ActiveSync
 *     schema nests about a dozen levels); default 64
 * @param maxElements most elements in one document (WBXML 1.3 section 5.8.2, each tag token); default 100,000
 * @param maxStringTableBytes longest string table (WBXML 1.3 section 5.7; ActiveSync writers send an empty one);
 *     default 64 KiB
 * @param maxStringBytes longest text value of one element in UTF-8 bytes (WBXML 1.3 section 5.8.4.1, inline
 *     strings, consecutive strings counted together); default 16 MiB
 * @param maxOpaqueBytes longest opaque value (WBXML 1.3 section 5.8.4.6, MS-ASWBXML 2.1.1); default 32 MiB
 */
public record WbxmlLimits(
        int maxDocumentBytes,
        int maxDepth,
        int maxElements,
        int maxStringTableBytes,
        int maxStringBytes,
        int maxOpaqueBytes) {

    /** The defaults listed on the record components. */
    public static final WbxmlLimits DEFAULT =
            new WbxmlLimits(32 * 1024 * 1024, 64, 100_000, 64 * 1024, 16 * 1024 * 1024, 32 * 1024 * 1024);

    public WbxmlLimits {
        if (maxDocumentBytes < 5
                || maxDepth < 1
                || maxElements < 1
                || maxStringTableBytes < 0
                || maxStringBytes < 0
                || maxOpaqueBytes < 0) {
            throw new IllegalArgumentException("limits out of range: document " + maxDocumentBytes + ", depth "
                    + maxDepth + ", elements " + maxElements + ", string table " + maxStringTableBytes + ", string "
                    + maxStringBytes + ", opaque " + maxOpaqueBytes);
        }
    }

    public WbxmlLimits withMaxDocumentBytes(int value) {
        return new WbxmlLimits(value, maxDepth, maxElements, maxStringTableBytes, maxStringBytes, maxOpaqueBytes);
    }

    public WbxmlLimits withMaxDepth(int value) {
        return new WbxmlLimits(
                maxDocumentBytes, value, maxElements, maxStringTableBytes, maxStringBytes, maxOpaqueBytes);
    }

    public WbxmlLimits withMaxElements(int value) {
        return new WbxmlLimits(maxDocumentBytes, maxDepth, value, maxStringTableBytes, maxStringBytes, maxOpaqueBytes);
    }

    public WbxmlLimits withMaxStringTableBytes(int value) {
        return new WbxmlLimits(maxDocumentBytes, maxDepth, maxElements, value, maxStringBytes, maxOpaqueBytes);
    }

    public WbxmlLimits withMaxStringBytes(int value) {
        return new WbxmlLimits(maxDocumentBytes, maxDepth, maxElements, maxStringTableBytes, value, maxOpaqueBytes);
    }

    public WbxmlLimits withMaxOpaqueBytes(int value) {
        return new WbxmlLimits(maxDocumentBytes, maxDepth, maxElements, maxStringTableBytes, maxStringBytes, value);
    }
}
