package org.atoll.security;

import jakarta.servlet.DispatcherType;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.context.SecurityContextHolderFilter;

/**
 * The device front end: Exchange ActiveSync and Autodiscover. Devices send HTTP Basic credentials with every
 * request (MS-ASHTTP 2.2.1.1.2.1); no session, no cookie, no CSRF token. A parked request lets its sign-in go
 * ({@link ParkedWithoutSignIn}); the async dispatch that writes its answer needs none.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class EasSecurity {

    @Bean
    @Order(20)
    SecurityFilterChain easChain(HttpSecurity http, AccountAuthentication authentication) throws Exception {
        return http.securityMatcher(
                        "/Microsoft-Server-ActiveSync",
                        "/Microsoft-Server-ActiveSync/**",
                        "/autodiscover/autodiscover.xml",
                        "/Autodiscover/Autodiscover.xml",
                        "/autodiscover/autodiscover.json",
                        "/autodiscover/autodiscover.json/**",
                        "/Autodiscover/Autodiscover.json",
                        "/Autodiscover/Autodiscover.json/**")
                .authenticationProvider(authentication)
                .authorizeHttpRequests(auth -> auth.dispatcherTypeMatchers(DispatcherType.ASYNC)
                        .permitAll()
                        .anyRequest()
                        .authenticated())
                .addFilterAfter(new ParkedWithoutSignIn(), SecurityContextHolderFilter.class)
                .httpBasic(basic -> basic.authenticationEntryPoint(BasicRealm.entryPoint()))
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(csrf -> csrf.disable())
                .requestCache(cache -> cache.disable())
                .build();
    }
}
