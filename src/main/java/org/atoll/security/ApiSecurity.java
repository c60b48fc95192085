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

/**
 * The REST API: personal API tokens as bearer tokens, or HTTP Basic; stateless, so no CSRF token, but state-changing
 * requests from other sites are refused ({@link CrossSiteRefusal}) and a 401 never challenges for Basic. Administrative
 * resources need an administrator; everything else (an account's own tokens included) needs an enabled account, and
 * the controllers keep users to their own mailbox, devices and tokens. Every refusal is an RFC 9457 problem. The contract and its Swagger UI page are
 * public.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class ApiSecurity {

    @Bean
    @Order(30)
    SecurityFilterChain apiChain(HttpSecurity http, AccountAuthentication authentication, ApiTokens tokens)
            throws Exception {
        return http.securityMatcher("/api/**")
                .authenticationProvider(authentication)
                .addFilterBefore(new ApiTokenFilter(tokens), BasicAuthenticationFilter.class)
                .addFilterBefore(new CrossSiteRefusal(), ApiTokenFilter.class)
                .authorizeHttpRequests(auth -> auth.requestMatchers(
                                "/api/v1/accounts/*/tokens",
                                "/api/v1/accounts/*/tokens/*",
                                "/api/v1/accounts/*/messages",
                                "/api/v1/accounts/*/out-of-office",
                                "/api/v1/accounts/*/notes",
                                "/api/v1/accounts/*/notes/*",
                                "/api/v1/accounts/*/contacts",
                                "/api/v1/accounts/*/contacts.vcf",
                                "/api/v1/accounts/*/contacts/*",
                                "/api/v1/accounts/*/tasks",
                                "/api/v1/accounts/*/tasks/*",
                                "/api/v1/accounts/*/calendars",
                                "/api/v1/accounts/*/calendars/*/events",
                                "/api/v1/accounts/*/calendars/*/events.ics",
                                "/api/v1/accounts/*/calendars/*/events/*",
                                "/api/v1/accounts/*/freebusy")
                        .hasAnyRole("USER", "ADMIN")
                        .requestMatchers(
                                "/api/v1/accounts",
                                "/api/v1/accounts/**",
                                "/api/v1/access-rules",
                                "/api/v1/access-rules/**",
                                "/api/v1/access-settings",
                                "/api/v1/policies",
                                "/api/v1/policies/**",
                                "/api/v1/audit",
                                "/api/v1/devices/*/allow",
                                "/api/v1/devices/*/block",
                                "/api/v1/devices/*/release")
                        .hasRole("ADMIN")
                        .anyRequest()
                        .hasAnyRole("USER", "ADMIN"))
                .httpBasic(basic -> basic.authenticationEntryPoint(BearerChallenge.entryPoint()))
                .exceptionHandling(errors -> errors.accessDeniedHandler((request, response, denied) ->
                        ProblemResponses.write(response, 403, "Forbidden", "This needs another role")))
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(csrf -> csrf.disable())
                .requestCache(cache -> cache.disable())
                .build();
    }

    @Bean
    @Order(31)
    SecurityFilterChain apiDocsChain(HttpSecurity http) throws Exception {
        return http.securityMatcher("/openapi.yaml", "/api-docs", "/api-docs/**", "/webjars/swagger-ui/**")
                .authorizeHttpRequests(auth -> auth.anyRequest().permitAll())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(csrf -> csrf.disable())
                .requestCache(cache -> cache.disable())
                .build();
    }
}
