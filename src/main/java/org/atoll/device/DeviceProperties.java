package org.atoll.device;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the device registry ({@code atoll.device.*}).
 *
 * @param maxPerAccount the most devices one account may register
 * @param lastSeenGranularity a device's last-seen time is rewritten only when it is at least this old, so a device
 *     polling every few seconds does not cost a database write per request
 * @param userAgentChangesBeforeBlock a device whose User-Agent changes this many times within
 *     {@code userAgentChangeWindow} is blocked until an administrator allows it (Exchange's autoblock threshold for
 *     User-Agent changes); 0 turns the automatic block off
 * @param userAgentChangeWindow the period over which User-Agent changes are counted
 */
@ConfigurationProperties("atoll.device")
public record DeviceProperties(
        @DefaultValue("100") int maxPerAccount,
        @DefaultValue("30s") Duration lastSeenGranularity,
        @DefaultValue("5") int userAgentChangesBeforeBlock,
        @DefaultValue("24h") Duration userAgentChangeWindow) {}
