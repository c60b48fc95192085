package org.atoll.eas;

import io.micrometer.core.instrument.MeterRegistry;
import org.atoll.database.DatabaseAdmission;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;

/**
 * The node's admission to the database ({@link DatabaseAdmission}): as many slots as the database pool has
 * connections unless {@link EasProperties#maxDatabaseRequests()} says otherwise, taken by every ActiveSync command
 * ({@link EasAdmission}) and by the checks of parked requests after a wake-up.
 */
@Configuration(proxyBeanMethods = false)
class EasAdmissionConfiguration {

    /** HikariCP's own default, for a pool configured without a size. */
    private static final int HIKARI_DEFAULT_POOL_SIZE = 10;

    @Bean
    DatabaseAdmission databaseAdmission(EasProperties properties, Environment environment, MeterRegistry registry) {
        Integer configured = properties.maxDatabaseRequests();
        int size = configured != null
                ? configured
                : environment.getProperty(
                        "spring.datasource.hikari.maximum-pool-size", Integer.class, HIKARI_DEFAULT_POOL_SIZE);
        return new DatabaseAdmission(size, properties.admissionWait(), registry);
    }

    /** After every other filter of the endpoint, so that the body has arrived and the request is timed whole. */
    @Bean
    FilterRegistrationBean<EasAdmission> easAdmission(DatabaseAdmission admission) {
        FilterRegistrationBean<EasAdmission> registration = new FilterRegistrationBean<>(new EasAdmission(admission));
        registration.addUrlPatterns(EasController.PATH);
        registration.setAsyncSupported(true);
        registration.setOrder(Ordered.LOWEST_PRECEDENCE);
        return registration;
    }
}
