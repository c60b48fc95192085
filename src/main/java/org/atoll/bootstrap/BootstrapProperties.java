package org.atoll.bootstrap;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * What the first start creates.
 *
 * @param domain the mail domain of the demo user ({@code atoll.domain})
 * @param admin the administrator ({@code atoll.admin.email}, {@code atoll.admin.password}); without a password a
 *     generated one is logged once
 * @param demo the demo user {@code demo@<domain>} ({@code atoll.demo.enabled}, {@code atoll.demo.password})
 */
@ConfigurationProperties("atoll")
record BootstrapProperties(
        @DefaultValue("example.test") String domain,
        @DefaultValue Admin admin,
        @DefaultValue Demo demo) {

    public record Admin(
            @DefaultValue("admin@example.test") String email,
            @Nullable String password) {}

    public record Demo(
            boolean enabled, @DefaultValue("atoll-demo") String password) {}
}
