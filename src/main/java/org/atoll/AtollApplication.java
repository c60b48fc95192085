package org.atoll;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Atoll: every server node an island that can serve any device. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class AtollApplication {

    public static void main(String[] args) {
        SpringApplication.run(AtollApplication.class, args);
    }
}
