package org.atoll.eas;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Times the ActiveSync endpoint's requests (see {@link EasRequestMetrics}). */
@Configuration(proxyBeanMethods = false)
class EasMetricsConfiguration {

    @Bean
    FilterRegistrationBean<EasRequestMetrics> easRequestMetrics(MeterRegistry registry) {
        FilterRegistrationBean<EasRequestMetrics> registration =
                new FilterRegistrationBean<>(new EasRequestMetrics(registry));
        registration.addUrlPatterns(EasController.PATH);
        registration.setAsyncSupported(true);
        return registration;
    }
}
