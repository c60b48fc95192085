package org.atoll.dashboard;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The dashboard's settings ({@code atoll.dashboard.*}).
 *
 * @param staleAfter a device that has not synced for this long is listed on the overview as gone quiet
 * @param refreshEvery how often the overview refreshes itself
 * @param pageSize rows per page of the device, account and audit tables
 */
@ConfigurationProperties("atoll.dashboard")
record DashboardProperties(
        @DefaultValue("7d") Duration staleAfter,
        @DefaultValue("15s") Duration refreshEvery,
        @DefaultValue("25") int pageSize) {}
