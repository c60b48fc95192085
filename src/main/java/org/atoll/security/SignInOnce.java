package org.atoll.security;

import org.jspecify.annotations.Nullable;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.config.annotation.authentication.builders.AuthenticationManagerBuilder;
import org.springframework.security.config.annotation.authentication.configuration.GlobalAuthenticationConfigurerAdapter;
import org.springframework.security.core.Authentication;

/**
 * Every chain names {@link AccountAuthentication} as its own provider. Left alone, Spring Security also builds a
 * shared authentication manager from that lone provider bean and makes it the parent of each chain's manager,
 * which tries every refused sign-in a second time: each failure was hashed and counted twice, and back-off began
 * at the third failure instead of the sixth. The shared manager configured here authenticates nothing, so each
 * sign-in is tried exactly once.
 */
@Configuration(proxyBeanMethods = false)
class SignInOnce {

    @Bean
    static GlobalAuthenticationConfigurerAdapter noSharedSignIn() {
        return new NoSharedSignIn();
    }

    @Order(Ordered.HIGHEST_PRECEDENCE)
    static final class NoSharedSignIn extends GlobalAuthenticationConfigurerAdapter {

        @Override
        public void configure(AuthenticationManagerBuilder auth) {
            auth.authenticationProvider(new Nothing());
        }
    }

    private static final class Nothing implements AuthenticationProvider {

        @Override
        public @Nullable Authentication authenticate(Authentication authentication) {
            return null;
        }

        @Override
        public boolean supports(Class<?> authentication) {
            return false;
        }
    }
}
