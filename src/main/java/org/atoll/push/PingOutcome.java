package org.atoll.push;

import java.util.List;

/** How a Ping ends (MS-ASCMD 2.2.3.177.11 lists the Status of each). */
public sealed interface PingOutcome {

    /** Status 1: the heartbeat ran out with nothing new, or a newer request of the same device took over. */
    record Expired() implements PingOutcome {}

    /** Status 2: these watched folders hold changes the device has not synced. */
    record Changed(List<Long> folderIds) implements PingOutcome {}

    /** Status 3: no HeartbeatInterval or no folders, neither in the request nor cached from an earlier Ping. */
    record MissingParameters() implements PingOutcome {}

    /** Status 5: the HeartbeatInterval is outside the bounds; {@code limitSeconds} is the nearest allowed value. */
    record HeartbeatOutOfBounds(long limitSeconds) implements PingOutcome {}

    /** Status 6: more folders than may be watched. */
    record TooManyFolders(int maxFolders) implements PingOutcome {}

    /** Status 7: the folder hierarchy changed since the device's last FolderSync, or it names a folder not there. */
    record HierarchyChanged() implements PingOutcome {}
}
