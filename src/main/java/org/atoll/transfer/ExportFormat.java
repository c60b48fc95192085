package org.atoll.transfer;

/** What an export writes. */
public enum ExportFormat {
    /**
     * mboxrd: one folder as one mbox file, a whole mailbox as a ZIP of one {@code .mbox} per folder. Each message
     * carries its read state in {@code Status} and its answered and flagged state in {@code X-Status}, which an mbox
     * import reads back and removes.
     */
    MBOX,
    /** A ZIP with one {@code .eml} file per message in a directory per folder. */
    EML
}
