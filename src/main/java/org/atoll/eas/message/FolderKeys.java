package org.atoll.eas.message;

import org.atoll.wbxml.CodePage;
import org.atoll.wbxml.WbxmlElement;

/** The FolderSync key that FolderSync, FolderCreate, FolderUpdate and FolderDelete carry (MS-ASCMD 2.2.3.181.2). */
final class FolderKeys {

    private FolderKeys() {}

    /** The key of {@code document}: a missing one is {@code missing}, text this server never issues {@code unknown}. */
    static long syncKey(WbxmlElement document, WireStatus missing, WireStatus unknown) throws MalformedRequest {
        return switch (WireNumbers.syncKey(document.text(CodePage.FOLDER_HIERARCHY, "SyncKey"))) {
            case WireNumbers.SentKey.Missing() -> throw new MalformedRequest(missing);
            case WireNumbers.SentKey.NeverIssued() -> throw new MalformedRequest(unknown);
            case WireNumbers.SentKey.Issuable(long value) -> value;
        };
    }
}
