package org.atoll.security;

import org.springframework.security.web.authentication.www.BasicAuthenticationEntryPoint;

/** The one HTTP Basic challenge every front end sends: {@code WWW-Authenticate: Basic realm="Atoll"}. */
final class BasicRealm {

    static final String NAME = "Atoll";

    private BasicRealm() {}

    static BasicAuthenticationEntryPoint entryPoint() {
        BasicAuthenticationEntryPoint entryPoint = new BasicAuthenticationEntryPoint();
        entryPoint.setRealmName(NAME);
        return entryPoint;
    }
}
