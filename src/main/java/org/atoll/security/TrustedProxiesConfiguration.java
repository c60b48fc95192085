package org.atoll.security;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/** Puts {@link TrustedProxies} in front of every other filter, the security chains included. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class TrustedProxiesConfiguration {

    @Bean
    FilterRegistrationBean<TrustedProxies> trustedProxies(SecurityProperties properties) {
        var registration = new FilterRegistrationBean<>(new TrustedProxies(properties.trustedProxies()));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
        return registration;
    }
}
