package org.atoll.eas.autodiscover;

import jakarta.servlet.http.HttpServletRequest;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import org.atoll.eas.EasProperties;
import org.springframework.stereotype.Component;

/**
 * The ActiveSync URL that Autodiscover hands out: {@code atoll.eas.public-url} when it is set, otherwise the address of
 * the local socket the request arrived on. No request header (Host, X-Forwarded-Host) ever chooses it.
 */
@Component
class ActiveSyncUrl {

    static final String EAS_PATH = "/Microsoft-Server-ActiveSync";

    private final EasProperties properties;

    ActiveSyncUrl(EasProperties properties) {
        this.properties = properties;
    }

    String of(HttpServletRequest request) {
        return base(request) + EAS_PATH;
    }

    private String base(HttpServletRequest request) {
        URI configured = properties.publicUrl();
        if (configured != null) {
            String text = configured.toString();
            return text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
        }
        try {
            String host = InetAddress.ofLiteral(request.getLocalAddr()).getHostAddress();
            return new URI(request.isSecure() ? "https" : "http", null, host, request.getLocalPort(), null, null, null)
                    .toString();
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw new IllegalStateException("The local socket address cannot form a URL", e);
        }
    }
}
