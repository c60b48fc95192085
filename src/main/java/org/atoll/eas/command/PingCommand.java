package org.atoll.eas.command;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.atoll.device.DeviceView;
import org.atoll.device.Devices;
import org.atoll.eas.request.EasCommand;
import org.atoll.push.FolderClass;
import org.atoll.push.PingOutcome;
import org.atoll.push.PingRequest;
import org.atoll.push.Pings;
import org.atoll.wbxml.CodePage;
import org.atoll.wbxml.WbxmlElement;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Ping (MS-ASCMD 2.2.1.13): the device names folders and a heartbeat, or nothing to reuse those of its previous
 * Ping, and the response comes when a folder has changes for it, the hierarchy changed, or the heartbeat ran out.
 */
@Component
public class PingCommand implements EasCommandHandler {

    /** Ping Status values, MS-ASCMD 2.2.3.177.11. */
    enum Status {
        EXPIRED(1),
        CHANGES(2),
        MISSING_PARAMETERS(3),
        SYNTAX_ERROR(4),
        HEARTBEAT_OUT_OF_BOUNDS(5),
        TOO_MANY_FOLDERS(6),
        HIERARCHY_CHANGED(7);

        final int code;

        Status(int code) {
            this.code = code;
        }
    }

    private static final CodePage P = CodePage.PING;

    private final Pings pings;
    private final Devices devices;

    PingCommand(Pings pings, Devices devices) {
        this.pings = pings;
        this.devices = devices;
    }

    @Override
    public EasCommand command() {
        return EasCommand.PING;
    }

    @Override
    public WbxmlElement refused(int status) {
        return status(status);
    }

    /** MS-ASCMD 2.2.1.13: "A Ping command can be sent with no body, in which case the cached version is used." */
    @Override
    public boolean acceptsEmptyBody() {
        return true;
    }

    @Override
    public EasAnswer answer(long accountId, DeviceView device, @Nullable WbxmlElement request) {
        devices.pinged(accountId, device.id());
        PingRequest ping;
        if (request == null) {
            ping = PingRequest.EMPTY;
        } else {
            Optional<PingRequest> parsed = parse(request);
            if (parsed.isEmpty()) {
                return EasAnswer.now(status(Status.SYNTAX_ERROR.code));
            }
            ping = parsed.get();
        }
        return EasAnswer.later(
                pings.ping(accountId, device.id(), ping),
                outcome -> Optional.of(response(outcome)),
                () -> Optional.of(status(Status.EXPIRED.code)));
    }

    /**
     * The request, or empty when it is not a Ping as MS-ASCMD 6.29 defines it: the Ping element with a
     * HeartbeatInterval (an integer), Folders (one or more Folder, each with an Id and a Class), or both
     * (2.2.1.13: "either the HeartbeatInterval element or the Folders element, or both elements MUST be specified").
     */
    private static Optional<PingRequest> parse(WbxmlElement request) {
        if (request.page() != P || !request.name().equals("Ping")) {
            return Optional.empty();
        }
        @Nullable Long heartbeat = null;
        @Nullable List<PingRequest.WatchedFolder> folders = null;
        for (WbxmlElement child : request.children()) {
            if (child.page() != P) {
                return Optional.empty();
            }
            switch (child.name()) {
                case "HeartbeatInterval" -> {
                    Optional<Long> seconds = child.text().flatMap(WireNumbers::unsigned);
                    if (heartbeat != null || seconds.isEmpty()) {
                        return Optional.empty();
                    }
                    heartbeat = seconds.get();
                }
                case "Folders" -> {
                    if (folders != null) {
                        return Optional.empty();
                    }
                    Optional<List<PingRequest.WatchedFolder>> parsed = folders(child);
                    if (parsed.isEmpty()) {
                        return Optional.empty();
                    }
                    folders = parsed.get();
                }
                default -> {
                    return Optional.empty();
                }
            }
        }
        if (heartbeat == null && folders == null) {
            return Optional.empty();
        }
        return Optional.of(new PingRequest(heartbeat, folders));
    }

    private static Optional<List<PingRequest.WatchedFolder>> folders(WbxmlElement element) {
        List<PingRequest.WatchedFolder> folders = new ArrayList<>();
        for (WbxmlElement folder : element.children()) {
            if (folder.page() != P || !folder.name().equals("Folder")) {
                return Optional.empty();
            }
            Optional<String> id = folder.text(P, "Id");
            Optional<FolderClass> folderClass = folder.text(P, "Class").flatMap(FolderClass::fromWireName);
            if (id.isEmpty() || folderClass.isEmpty()) {
                return Optional.empty();
            }
            folders.add(new PingRequest.WatchedFolder(id.get(), folderClass.get()));
        }
        return folders.isEmpty() ? Optional.empty() : Optional.of(folders);
    }

    private static WbxmlElement response(PingOutcome outcome) {
        return switch (outcome) {
            case PingOutcome.Expired() -> status(Status.EXPIRED.code);
            case PingOutcome.Changed(List<Long> folderIds) -> {
                WbxmlElement folders = WbxmlElement.of(P, "Folders");
                folderIds.forEach(id -> folders.add("Folder", Long.toString(id)));
                yield status(Status.CHANGES.code).add(folders);
            }
            case PingOutcome.MissingParameters() -> status(Status.MISSING_PARAMETERS.code);
            case PingOutcome.HeartbeatOutOfBounds(long limit) ->
                status(Status.HEARTBEAT_OUT_OF_BOUNDS.code).add("HeartbeatInterval", Long.toString(limit));
            case PingOutcome.TooManyFolders(int max) ->
                status(Status.TOO_MANY_FOLDERS.code).add("MaxFolders", Integer.toString(max));
            case PingOutcome.HierarchyChanged() -> status(Status.HIERARCHY_CHANGED.code);
        };
    }

    private static WbxmlElement status(int status) {
        return WbxmlElement.of(P, "Ping").add("Status", Integer.toString(status));
    }
}
