package org.atoll.account;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.atoll.account.internal.Account;
import org.atoll.account.internal.AccountRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Verifies a login and password for every front end.
 *
 * <p>Clients send credentials with every request, and a password hash costs tens of milliseconds by design. A
 * verified password is therefore remembered for a while as an HMAC under a key that exists only in this process's
 * memory, beside the stored hash it was verified against. Each sign-in still reads the account: a changed password
 * (another stored hash) or a disabled account fails at once, on every node.
 */
@Service
public class SignIn {

    private static final Logger log = LoggerFactory.getLogger(SignIn.class);

    /** Why a sign-in was refused. */
    public enum Refusal {
        BAD_CREDENTIALS,
        BACKING_OFF
    }

    /** The outcome: the account, or why not. */
    public sealed interface Result {}

    public record Accepted(AccountView account) implements Result {}

    public record Refused(Refusal reason) implements Result {}

    /**
     * The password is right but the account is disabled. Front ends refuse it, except that a device owed a remote
     * wipe still receives the wipe.
     */
    public record Disabled(AccountView account) implements Result {}

    private record Verified(String storedHash, byte[] passwordMac) {}

    private final AccountRepository repository;
    private final PasswordEncoder passwordEncoder;
    private final SignInBackOff backOff;
    private final ApplicationEventPublisher events;
    private final Cache<String, Verified> verified;
    private final SecretKeySpec macKey;
    private final String domain;

    /** Checked against when the login is unknown, so that unknown and known logins take the same time. */
    private final String unknownLoginHash;

    SignIn(
            AccountRepository repository,
            PasswordEncoder passwordEncoder,
            SignInProperties properties,
            Clock clock,
            ApplicationEventPublisher events,
            @Value("${atoll.domain:example.test}") String domain) {
        this.repository = repository;
        this.events = events;
        this.passwordEncoder = passwordEncoder;
        this.backOff = new SignInBackOff(properties, clock);
        this.verified = Caffeine.newBuilder()
                .maximumSize(100_000)
                .expireAfterWrite(properties.cacheFor())
                .build();
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        this.macKey = new SecretKeySpec(key, "HmacSHA256");
        this.domain = domain.toLowerCase(Locale.ROOT);
        this.unknownLoginHash = passwordEncoder.encode(HexFormat.of().formatHex(key));
    }

    /**
     * @param login an address, or {@code DOMAIN\\user} as Windows clients send it (the user is then looked up in
     *     {@code atoll.domain})
     * @param source the client's network address, for back-off
     */
    @Transactional(readOnly = true)
    public Result signIn(String login, String password, String source) {
        String address = address(login);
        if (!backOff.isOpen(address, source)) {
            return new Refused(Refusal.BACKING_OFF);
        }
        Optional<Account> found = repository.findByAddress(address);
        if (found.isEmpty()) {
            passwordEncoder.matches(password, unknownLoginHash);
            return failed(address, source);
        }
        Account account = found.get();
        String storedHash = account.passwordHash();
        byte[] mac = mac(address, password);
        Verified known = verified.getIfPresent(address);
        boolean matches = known != null
                && known.storedHash().equals(storedHash)
                && MessageDigest.isEqual(known.passwordMac(), mac);
        if (!matches) {
            matches = passwordEncoder.matches(password, storedHash);
            if (matches) {
                verified.put(address, new Verified(storedHash, mac));
            }
        }
        if (!matches) {
            return failed(address, source);
        }
        backOff.succeeded(address, source);
        AccountView view = account.view();
        return view.enabled() ? new Accepted(view) : new Disabled(view);
    }

    private Refused failed(String address, String source) {
        var delay = backOff.failed(address, source);
        if (!delay.isZero()) {
            log.warn("Sign-in for {} from {} failed again; refusing it for {}", address, source, delay);
            events.publishEvent(new SignInBackedOff(address, source, delay));
        }
        return new Refused(Refusal.BAD_CREDENTIALS);
    }

    /**
     * The account address a login names: itself for an address, {@code user@atoll.domain} for {@code DOMAIN\\user}.
     * Front ends compare request parameters that name a user with this, never with the raw text.
     */
    public String address(String login) {
        String user = login.strip().toLowerCase(Locale.ROOT);
        int backslash = user.lastIndexOf('\\');
        if (backslash >= 0) {
            user = user.substring(backslash + 1);
            if (!user.contains("@")) {
                user = user + "@" + domain;
            }
        }
        return user;
    }

    private byte[] mac(String address, String password) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(macKey);
            mac.update(address.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) 0);
            return mac.doFinal(password.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Every JDK provides HmacSHA256", e);
        }
    }
}
