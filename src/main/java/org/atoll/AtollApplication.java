package org.atoll;

import org.atoll.cli.AtollCommandLine;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Atoll: every server node an island that can serve any device. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class AtollApplication {

    /** The server, unless the arguments name an admin command ({@code account}, {@code device}, {@code db}, …). */
    public static void main(String[] args) {
        if (AtollCommandLine.isCommand(args)) {
            System.exit(AtollCommandLine.execute(args));
        }
        SpringApplication.run(AtollApplication.class, AtollCommandLine.serverArguments(args));
    }
}
