package org.atoll.eas;

import java.net.URI;
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
 */
@ConfigurationProperties("atoll.eas")
public record EasProperties(
        @Nullable URI publicUrl, @DefaultValue("33554432") long maxRequestBytes) {}
