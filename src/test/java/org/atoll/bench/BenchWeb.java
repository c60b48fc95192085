package org.atoll.bench;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;

/**
 * What the benchmark adds to the server it starts, and nothing else: the trivial endpoint and a security chain that
 * claims only its path, ahead of the production chains, and lets every request through without authentication.
 */
@TestConfiguration(proxyBeanMethods = false)
@Import(TrivialEndpoint.class)
class BenchWeb {

    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE)
    SecurityFilterChain trivialEndpointChain(HttpSecurity http) throws Exception {
        return http.securityMatcher("/bench/trivial/**")
                .authorizeHttpRequests(auth -> auth.anyRequest().permitAll())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(csrf -> csrf.disable())
                .requestCache(cache -> cache.disable())
                .build();
    }
}
