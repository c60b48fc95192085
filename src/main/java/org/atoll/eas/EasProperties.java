package org.atoll.eas;

import java.net.URI;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the device front end ({@code atoll.eas.*}).
 *
 * @param publicUrl the address devices reach this server at, e.g. {@code https://mail.example.org}; Autodiscover
 *     hands it out. Without it, the address of the local socket the request arrived on is used, never a value
 *     from the request's headers.
 * @param maxRequestBytes the largest request body accepted; larger ones get HTTP 413
 * @param maxItemOperations the most operations of one ItemOperations request that are run; the others get Status
 *     2 (MS-ASCMD 2.2.3.177.8)
 * @param maxItemOperationsBytes the most item and attachment data one ItemOperations response carries; a Fetch
 *     that would take it further gets Status 11 (MS-ASCMD 2.2.3.177.8) and may ask for a smaller Range; also the
 *     largest attachment one GetAttachment response carries
 * @param inMemoryBodyBytes the largest request body read straight into memory; a larger one is first received
 *     into a temporary file
 * @param maxLargeBodies how many requests with a body larger than {@code inMemoryBodyBytes} are received and
 *     handled at once; more get HTTP 503 with Retry-After
 * @param maxDatabaseRequests how many requests do database work at once on this node (a parked Ping or hanging Sync
 *     is not counted while it waits); unset, the size of the database pool
 *     ({@code spring.datasource.hikari.maximum-pool-size})
 * @param admissionWait how long a request waits, behind those that came first, for one of them to finish; past it
 *     the device gets HTTP 503 with Retry-After (MS-ASHTTP 3.2.5.1)
 */
@ConfigurationProperties("atoll.eas")
public record EasProperties(
        @Nullable URI publicUrl,
        @DefaultValue("33554432") long maxRequestBytes,
        @DefaultValue("100") int maxItemOperations,
        @DefaultValue("33554432") long maxItemOperationsBytes,
        @DefaultValue("65536") long inMemoryBodyBytes,
        @DefaultValue("8") int maxLargeBodies,
        @Nullable Integer maxDatabaseRequests,
        @DefaultValue("3s") Duration admissionWait) {}
