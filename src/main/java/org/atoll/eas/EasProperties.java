package org.atoll.eas;

import java.net.URI;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the device front end ({@code atoll.eas.*}).
 *
 * @param publicUrl the address devices reach this server at, e.g. {@code https://mail.example.org}; Autodiscover
 *     hands it out. Without it, the address of the local socket the request arrived on is used, never a value
 *     from the request's headers.
 */
@ConfigurationProperties("atoll.eas")
public record EasProperties(@Nullable URI publicUrl) {}
