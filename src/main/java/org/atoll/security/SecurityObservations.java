package org.atoll.security;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.observation.SecurityObservationSettings;

/**
 * Spring Security, when a Micrometer registry is present, observes every filter of every chain, every sign-in and
 * every authorization decision: a dozen observations with their timers per request, about a sixth of the server's
 * CPU on a device's Sync in a profile of the Sync benchmark (README, Benchmarks). Requests are timed whole already
 * ({@code http.server.requests}, {@code atoll.eas.requests}), refused sign-ins and back-offs are counted
 * ({@code atoll.sign-in.*}), so Spring Security's own observations are turned off.
 */
@Configuration(proxyBeanMethods = false)
class SecurityObservations {

    @Bean
    static SecurityObservationSettings noSecurityObservations() {
        return SecurityObservationSettings.noObservations();
    }
}
