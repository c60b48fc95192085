package org.atoll.support;

import java.util.Arrays;
import org.atoll.wbxml.CodePage;
import org.atoll.wbxml.WbxmlElement;

/** Ping request bodies (MS-ASCMD 2.2.1.13). */
public final class PingBodies {

    public static final CodePage P = CodePage.PING;

    private PingBodies() {}

    /** A Ping with a heartbeat and Email folders. */
    public static WbxmlElement ping(long heartbeatSeconds, long... folderIds) {
        return WbxmlElement.of(P, "Ping")
                .add("HeartbeatInterval", Long.toString(heartbeatSeconds))
                .add(folders(folderIds));
    }

    public static WbxmlElement folders(long... folderIds) {
        WbxmlElement folders = WbxmlElement.of(P, "Folders");
        Arrays.stream(folderIds)
                .forEach(id -> folders.add(WbxmlElement.of(P, "Folder")
                        .add("Id", Long.toString(id))
                        .add("Class", "Email")));
        return folders;
    }

    /** The folder ids of a Status 2 response, in order. */
    public static java.util.List<String> changed(WbxmlElement response) {
        return response.child("Folders")
                .map(f -> f.children(P, "Folder").stream()
                        .map(e -> e.text().orElse(""))
                        .toList())
                .orElse(java.util.List.of());
    }
}
