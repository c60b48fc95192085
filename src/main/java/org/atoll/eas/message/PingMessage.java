package org.atoll.eas.message;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.atoll.push.FolderClass;
import org.atoll.push.PingOutcome;
import org.atoll.push.PingRequest;
import org.atoll.wbxml.CodePage;
import org.atoll.wbxml.WbxmlElement;
import org.jspecify.annotations.Nullable;

/**
 * Ping (MS-ASCMD 2.2.1.13): the request names a heartbeat, folders or both; the response says whether and where
 * something changed, or which parameter the server refused.
 */
public final class PingMessage implements EasMessage<PingRequest, PingOutcome> {

    public static final PingMessage INSTANCE = new PingMessage();

    /** Ping Status values, MS-ASCMD 2.2.3.177.11. */
    public enum Status implements WireStatus {
        EXPIRED(1),
        CHANGES(2),
        MISSING_PARAMETERS(3),
        SYNTAX_ERROR(4),
        HEARTBEAT_OUT_OF_BOUNDS(5),
        TOO_MANY_FOLDERS(6),
        HIERARCHY_CHANGED(7);

        private final int code;

        Status(int code) {
            this.code = code;
        }

        @Override
        public int code() {
            return code;
        }
    }

    private static final CodePage P = CodePage.PING;

    private PingMessage() {}

    /**
     * The request as MS-ASCMD 6.29 defines it: the Ping element with a HeartbeatInterval (an integer), Folders (one
     * or more Folder, each with an Id and a Class), or both (2.2.1.13: "either the HeartbeatInterval element or the
     * Folders element, or both elements MUST be specified"); anything else is Status 4.
     */
    @Override
    public PingRequest read(WbxmlElement document) throws MalformedRequest {
        if (document.page() != P || !document.name().equals("Ping")) {
            throw syntaxError();
        }
        @Nullable Long heartbeat = null;
        @Nullable List<PingRequest.WatchedFolder> folders = null;
        for (WbxmlElement child : document.children()) {
            if (child.page() != P) {
                throw syntaxError();
            }
            switch (child.name()) {
                case "HeartbeatInterval" -> {
                    Optional<Long> seconds = child.text().flatMap(WireNumbers::unsigned);
                    if (heartbeat != null || seconds.isEmpty()) {
                        throw syntaxError();
                    }
                    heartbeat = seconds.get();
                }
                case "Folders" -> {
                    if (folders != null) {
                        throw syntaxError();
                    }
                    folders = folders(child);
                }
                default -> throw syntaxError();
            }
        }
        if (heartbeat == null && folders == null) {
            throw syntaxError();
        }
        return new PingRequest(heartbeat, folders);
    }

    private static List<PingRequest.WatchedFolder> folders(WbxmlElement element) throws MalformedRequest {
        List<PingRequest.WatchedFolder> folders = new ArrayList<>();
        for (WbxmlElement folder : element.children()) {
            if (folder.page() != P || !folder.name().equals("Folder")) {
                throw syntaxError();
            }
            Optional<String> id = folder.text(P, "Id");
            Optional<FolderClass> folderClass = folder.text(P, "Class").flatMap(FolderClass::fromWireName);
            if (id.isEmpty() || folderClass.isEmpty()) {
                throw syntaxError();
            }
            folders.add(new PingRequest.WatchedFolder(id.get(), folderClass.get()));
        }
        if (folders.isEmpty()) {
            throw syntaxError();
        }
        return folders;
    }

    private static MalformedRequest syntaxError() {
        return new MalformedRequest(Status.SYNTAX_ERROR);
    }

    @Override
    public WbxmlElement write(PingOutcome outcome) {
        return switch (outcome) {
            case PingOutcome.Expired() -> refused(Status.EXPIRED.code());
            case PingOutcome.Changed(List<Long> folderIds) -> {
                WbxmlElement folders = WbxmlElement.of(P, "Folders");
                folderIds.forEach(id -> folders.add("Folder", Long.toString(id)));
                yield refused(Status.CHANGES.code()).add(folders);
            }
            case PingOutcome.MissingParameters() -> refused(Status.MISSING_PARAMETERS.code());
            case PingOutcome.HeartbeatOutOfBounds(long limit) ->
                refused(Status.HEARTBEAT_OUT_OF_BOUNDS.code()).add("HeartbeatInterval", Long.toString(limit));
            case PingOutcome.TooManyFolders(int max) ->
                refused(Status.TOO_MANY_FOLDERS.code()).add("MaxFolders", Integer.toString(max));
            case PingOutcome.HierarchyChanged() -> refused(Status.HIERARCHY_CHANGED.code());
        };
    }

    @Override
    public WbxmlElement refused(int status) {
        return WbxmlElement.of(P, "Ping").add("Status", Integer.toString(status));
    }
}
