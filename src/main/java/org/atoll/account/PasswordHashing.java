package org.atoll.account;

import java.util.Map;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Passwords are stored through Spring Security's delegating encoder: each hash names its algorithm, so the
 * default can move on while old hashes keep working. New hashes are Argon2id, which takes the whole password
 * (bcrypt reads only the first 72 bytes, and Spring Security refuses longer ones); hashes from bcrypt still verify
 * and are replaced at the next successful sign-in.
 *
 * <p>Argon2id with 19 MiB of memory, 2 passes and 1 lane (the least RFC 9106 and OWASP accept for a server): about
 * as costly as bcrypt at cost 10, and paid at most once per {@code atoll.sign-in.cache-for} per device.
 */
@Configuration(proxyBeanMethods = false)
class PasswordHashing {

    static final String DEFAULT = "argon2";

    @Bean
    PasswordEncoder passwordEncoder() {
        return new DelegatingPasswordEncoder(
                DEFAULT,
                Map.of(
                        DEFAULT,
                        new Argon2PasswordEncoder(16, 32, 1, 19 * 1024, 2),
                        "bcrypt",
                        new BCryptPasswordEncoder()));
    }
}
