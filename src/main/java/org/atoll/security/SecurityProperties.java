package org.atoll.security;

import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the front ends see their callers ({@code atoll.security.*}).
 *
 * @param trustedProxies the peers (addresses or CIDR blocks, IPv4 or IPv6) whose {@code X-Forwarded-For} names the
 *     client; from any other peer the header is ignored, so nobody can choose the address that back-off and logs see
 * @param metricsScrapeToken the bearer token that reads {@code /actuator/prometheus} and nothing else; without it
 *     only an administrator reads the metrics
 */
@ConfigurationProperties("atoll.security")
record SecurityProperties(
        @DefaultValue List<String> trustedProxies, @Nullable String metricsScrapeToken) {}
