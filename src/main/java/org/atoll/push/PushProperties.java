package org.atoll.push;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of Direct Push ({@code atoll.push.*}).
 *
 * @param minHeartbeat the shortest HeartbeatInterval a Ping or hanging Sync may ask for (MS-ASCMD 2.2.3.88)
 * @param maxHeartbeat the longest; the HTTP connector and any reverse proxy must keep a request open longer
 * @param maxFolders the most folders one Ping may watch (MS-ASCMD 2.2.3.102 MaxFolders)
 * @param concurrentChecks how many checks of parked requests run at once after a wake-up; one check takes many
 *     Pings of one account, or one hanging Sync
 * @param reconnectDelay how long the listening connection waits before it reconnects after a failure
 * @param maxParkedPerAccount the most requests of one account parked on one node at once (one per device); a
 *     request of another device past it is refused with HTTP 503 before anything is remembered or parked
 */
@ConfigurationProperties("atoll.push")
public record PushProperties(
        @DefaultValue("60s") Duration minHeartbeat,
        @DefaultValue("3540s") Duration maxHeartbeat,
        @DefaultValue("300") int maxFolders,
        @DefaultValue("8") int concurrentChecks,
        @DefaultValue("1s") Duration reconnectDelay,
        @DefaultValue("100") int maxParkedPerAccount) {

    public PushProperties {
        if (minHeartbeat.toSeconds() < 1 || maxHeartbeat.compareTo(minHeartbeat) < 0) {
            throw new IllegalArgumentException("atoll.push heartbeat bounds must satisfy 1s <= min <= max");
        }
        if (maxFolders < 1 || concurrentChecks < 1 || maxParkedPerAccount < 1) {
            throw new IllegalArgumentException(
                    "atoll.push.max-folders, concurrent-checks and max-parked-per-account must be positive");
        }
    }
}
