package org.atoll.mail;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Counts messages delivered, by route: {@code lmtp} (from the MTA into a mailbox here), {@code local} (sent to a
 * mailbox here) and {@code smarthost} (handed over for other servers), with their sizes.
 */
@Component
class DeliveryMeter {

    private final MeterRegistry registry;

    DeliveryMeter(ObjectProvider<MeterRegistry> meters) {
        this.registry = meters.getIfAvailable(SimpleMeterRegistry::new);
    }

    void delivered(String route, int bytes) {
        registry.counter("atoll.mail.deliveries", "route", route).increment();
        DistributionSummary.builder("atoll.mail.delivery.size")
                .description("Size of delivered messages")
                .baseUnit("bytes")
                .tag("route", route)
                .register(registry)
                .record(bytes);
    }
}
