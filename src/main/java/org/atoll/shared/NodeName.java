package org.atoll.shared;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The name this server node goes by where several share one database: {@code atoll.node.name} when set (as it should
 * be where nodes share a host), else the host's name. At most 64 characters.
 */
@Component
public final class NodeName {

    static final int MAX_LENGTH = 64;

    private final String name;

    NodeName(@Value("${atoll.node.name:}") String configured) {
        String name = configured.isBlank() ? hostName() : configured.strip();
        this.name = name.length() > MAX_LENGTH ? name.substring(0, MAX_LENGTH) : name;
    }

    public String name() {
        return name;
    }

    @Override
    public String toString() {
        return name;
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
