package org.atoll.security;

import java.net.URI;
import java.util.Map;
import org.atoll.account.Accounts;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.authentication.ExceptionMappingAuthenticationFailureHandler;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.session.web.http.CookieSerializer;
import org.springframework.session.web.http.DefaultCookieSerializer;

/**
 * The dashboard: pages for people in a browser, signed in with a form for the same accounts and through the same
 * {@link AccountAuthentication} as every other front end, so a failed sign-in counts towards the same back-off. The
 * session lives in PostgreSQL (Spring Session JDBC), holds the account's id only, gets a new id at sign-in
 * (session fixation) and ends after {@code spring.session.timeout} idle; every request reads the account again, so
 * a disabled account or a changed role takes effect at once. Every state-changing request carries a CSRF token; the
 * pages load scripts and styles from this server only (Content-Security-Policy without {@code unsafe-inline}) and
 * are never framed.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class DashboardSecurity {

    static final String SIGN_IN = "/sign-in";
    static final String SIGN_OUT = "/sign-out";
    static final String COOKIE = "ATOLL_SESSION";

    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self';"
            + " img-src 'self'; connect-src 'self'; font-src 'self'; form-action 'self'; base-uri 'none';"
            + " frame-ancestors 'none'";

    /** Every path of the dashboard; nothing else of the server. */
    static final String[] PATHS = {
        "/",
        SIGN_IN,
        SIGN_OUT,
        "/overview",
        "/overview/**",
        "/devices",
        "/devices/**",
        "/rules",
        "/rules/**",
        "/policies",
        "/policies/**",
        "/accounts",
        "/accounts/**",
        "/audit",
        "/my/**",
        "/dashboard/**",
        "/webjars/htmx.org/**"
    };

    /** The pages only administrators see. */
    static final String[] ADMINISTRATION = {
        "/overview",
        "/overview/**",
        "/rules",
        "/rules/**",
        "/policies",
        "/policies/**",
        "/accounts",
        "/accounts/**",
        "/audit"
    };

    @Bean
    @Order(40)
    SecurityFilterChain dashboardChain(HttpSecurity http, AccountAuthentication authentication, Accounts accounts)
            throws Exception {
        var failures = new ExceptionMappingAuthenticationFailureHandler();
        failures.setExceptionMappings(Map.of(
                LockedException.class.getName(), SIGN_IN + "?backoff",
                DisabledException.class.getName(), SIGN_IN + "?disabled"));
        failures.setDefaultFailureUrl(SIGN_IN + "?error");
        return http.securityMatcher(PATHS)
                .authenticationProvider(new DashboardSignIn(authentication))
                .addFilterBefore(new DashboardAccountCheck(accounts), AuthorizationFilter.class)
                .authorizeHttpRequests(auth -> auth.requestMatchers(SIGN_IN, "/dashboard/**", "/webjars/htmx.org/**")
                        .permitAll()
                        .requestMatchers(ADMINISTRATION)
                        .hasRole("ADMIN")
                        .anyRequest()
                        .hasAnyRole("USER", "ADMIN"))
                .formLogin(form -> form.loginPage(SIGN_IN)
                        .loginProcessingUrl(SIGN_IN)
                        .usernameParameter("address")
                        .passwordParameter("password")
                        .defaultSuccessUrl("/", false)
                        .failureHandler(failures))
                .logout(logout -> logout.logoutUrl(SIGN_OUT)
                        .logoutSuccessUrl(SIGN_IN + "?signed-out")
                        .invalidateHttpSession(true)
                        .deleteCookies(COOKIE))
                .sessionManagement(session -> session.sessionFixation(fixation -> fixation.changeSessionId()))
                .headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
                        .frameOptions(frame -> frame.deny())
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.SAME_ORIGIN)))
                .build();
    }

    /**
     * The session cookie: HttpOnly, SameSite=Lax, and Secure when the request came over TLS, or always when devices
     * reach the server at an https address (TLS then ends at a proxy in front, and the browser speaks https).
     */
    @Bean
    CookieSerializer dashboardCookie(@Value("${atoll.eas.public-url:#{null}}") @Nullable URI publicUrl) {
        var cookie = new DefaultCookieSerializer();
        cookie.setCookieName(COOKIE);
        cookie.setUseHttpOnlyCookie(true);
        cookie.setSameSite("Lax");
        cookie.setCookiePath("/");
        if (publicUrl != null && "https".equalsIgnoreCase(publicUrl.getScheme())) {
            cookie.setUseSecureCookie(true);
        }
        return cookie;
    }
}
