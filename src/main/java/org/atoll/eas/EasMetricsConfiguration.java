package org.atoll.eas;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.atoll.device.DeviceRequestLog;
import org.atoll.shared.NodeName;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/** Times and logs the ActiveSync endpoint's requests (see {@link EasRequestMetrics}). */
@Configuration(proxyBeanMethods = false)
class EasMetricsConfiguration {

    @Bean
    FilterRegistrationBean<EasRequestMetrics> easRequestMetrics(
            MeterRegistry registry, DeviceRequestLog requestLog, NodeName node, Clock clock) {
        FilterRegistrationBean<EasRequestMetrics> registration =
                new FilterRegistrationBean<>(new EasRequestMetrics(registry, requestLog, node, clock));
        registration.addUrlPatterns(EasController.PATH);
        registration.setAsyncSupported(true);
        registration.setOrder(Ordered.LOWEST_PRECEDENCE - 1);
        return registration;
    }
}
