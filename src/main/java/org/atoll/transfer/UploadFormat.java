package org.atoll.transfer;

/** What an uploaded file for an import is. */
public enum UploadFormat {
    /** One mbox file (mboxrd; mboxo reads the same unless a body line starts with {@code >>From }). */
    MBOX,
    /** A ZIP of {@code .mbox} and {@code .eml} files, as an export writes it. */
    ZIP
}
