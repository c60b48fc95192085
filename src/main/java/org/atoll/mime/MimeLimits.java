package org.atoll.mime;

/**
 * Bounds on the work spent on one message, so that any input costs bounded time and memory beyond its own size.
 * Exceeding a structural limit never fails the parse: the rest is skipped and the message is reported as malformed.
 *
 * @param maxParts MIME entities visited (multipart containers and leaves); default 1000
 * @param maxDepth multiparts nested in each other, a multipart message body counting as the first; default 20
 * @param maxHeaderChars characters kept of one header field value, longer values are cut; default 65536
 * @param previewChars length of the preview; default 255, the maximum of the MS-ASAIRS {@code Preview} element
 * @param previewScanBytes decoded body bytes read to build the preview; default 262144
 */
public record MimeLimits(int maxParts, int maxDepth, int maxHeaderChars, int previewChars, int previewScanBytes) {

    /** The defaults listed above. */
    public static final MimeLimits DEFAULTS = new MimeLimits(1000, 20, 65_536, 255, 262_144);

    public MimeLimits {
        if (maxParts < 1 || maxDepth < 1 || maxHeaderChars < 1 || previewChars < 0 || previewScanBytes < 0) {
            throw new IllegalArgumentException("MIME limits must be positive: " + maxParts + ", " + maxDepth + ", "
                    + maxHeaderChars + ", " + previewChars + ", " + previewScanBytes);
        }
    }
}
