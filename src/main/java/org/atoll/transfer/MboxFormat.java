package org.atoll.transfer;

/**
 * How an mbox file quotes body lines that would start a new message. Both separate messages by a {@code From }
 * line after an empty line (or at the start of the file).
 */
public enum MboxFormat {
    /** Every {@code >*From } line has one more {@code >}; reading removes one from each (lossless). */
    MBOXRD,
    /** Only {@code From } lines became {@code >From }; reading removes the {@code >} from those only. */
    MBOXO
}
