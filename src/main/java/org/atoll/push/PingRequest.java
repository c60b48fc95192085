package org.atoll.push;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What one Ping asked for; a part left out is taken from the device's previous Ping (MS-ASCMD 3.1.5.8).
 *
 * @param heartbeatSeconds the HeartbeatInterval, null when the request had none
 * @param folders the folders to watch, null when the request named none
 */
public record PingRequest(
        @Nullable Long heartbeatSeconds, @Nullable List<WatchedFolder> folders) {

    public static final PingRequest EMPTY = new PingRequest(null, null);

    /** One folder of a Ping: its id as the device sent it, and its class. */
    public record WatchedFolder(String id, FolderClass folderClass) {}
}
