package org.atoll.security;

import org.atoll.account.ApiTokens;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.csrf.CsrfFilter;

/**
 * The actuator: health is public (load balancers probe it, and it shows details only to administrators); every
 * other endpoint needs an administrator, signed in like on the API (an API token or HTTP Basic, never challenged for).
 * The Prometheus endpoint also takes the scrape token, when one is set. The last chain refuses whatever no front end
 * claimed, but lets the container's error page through, so a failure keeps its own status instead of becoming a 403;
 * asked for directly, the error page is not found.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class ManagementSecurity {

    @Bean
    @Order(10)
    SecurityFilterChain actuatorChain(
            HttpSecurity http, AccountAuthentication authentication, ApiTokens tokens, SecurityProperties properties)
            throws Exception {
        String scrapeToken = properties.metricsScrapeToken();
        if (scrapeToken != null && !scrapeToken.isBlank()) {
            http.addFilterBefore(new ScrapeTokenFilter(scrapeToken.strip()), BasicAuthenticationFilter.class);
        }
        return http.securityMatcher("/actuator/**")
                .authenticationProvider(authentication)
                .addFilterBefore(new ApiTokenFilter(tokens), BasicAuthenticationFilter.class)
                .authorizeHttpRequests(auth -> auth.requestMatchers("/actuator/health", "/actuator/health/**")
                        .permitAll()
                        .requestMatchers(ScrapeTokenFilter.PATH)
                        .hasAnyRole("ADMIN", ScrapeTokenFilter.ROLE)
                        .anyRequest()
                        .hasRole("ADMIN"))
                .httpBasic(basic -> basic.authenticationEntryPoint(BearerChallenge.entryPoint()))
                .exceptionHandling(errors -> errors.accessDeniedHandler((request, response, denied) ->
                        ProblemResponses.write(response, 403, "Forbidden", "This needs another role")))
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(csrf -> csrf.disable())
                .build();
    }

    @Bean
    @Order(Integer.MAX_VALUE)
    SecurityFilterChain denyEverythingElse(HttpSecurity http, AccountAuthentication authentication) throws Exception {
        return http.securityMatcher("/**")
                .authenticationProvider(authentication)
                .addFilterBefore(new ErrorPageRefusal(), CsrfFilter.class)
                .authorizeHttpRequests(auth ->
                        auth.requestMatchers("/error").permitAll().anyRequest().denyAll())
                .httpBasic(basic -> basic.authenticationEntryPoint(BasicRealm.entryPoint()))
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .build();
    }
}
