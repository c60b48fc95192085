package org.atoll.account;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.atoll.account.internal.AccountQueries;
import org.atoll.account.internal.AccountQueries.Credentials;
import org.atoll.account.internal.AccountRepository;
import org.atoll.database.DatabaseAdmission;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;

/**
 * Verifies a login and password for every front end.
 *
 * <p>Clients send credentials with every request, and a password hash costs tens of milliseconds by design. A
 * verified password is therefore remembered for a while as an HMAC under a key that exists only in this process's
 * memory, beside the stored hash it was verified against. Each sign-in still reads the account: a changed password
 * (another stored hash) or a disabled account fails at once, on every node.
 *
 * <p>That read is database work like any other: where the node admits its database work ({@link DatabaseAdmission}),
 * it waits for a slot of its own, held for the one statement only (never while a password is hashed), so that a
 * device's sign-in no longer queues on the pool beside the admitted commands. Past the admission's wait it fails with
 * {@link org.atoll.database.AdmissionTimedOut}, which every front end answers with HTTP 503 and Retry-After; nothing
 * was checked, so the attempt counts neither as a success nor as a failure.
 */
@Service
public class SignIn {

    private static final Logger log = LoggerFactory.getLogger(SignIn.class);

    /** The purpose tag of the account read's slot in {@link DatabaseAdmission}. */
    static final String ADMISSION_PURPOSE = "sign-in";

    /** Longer than any address or {@code DOMAIN\\user} login can be. */
    private static final int MAX_LOGIN_LENGTH = 512;

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
    private final AccountQueries queries;
    private final PasswordEncoder passwordEncoder;
    private final SignInBackOff backOff;
    private final ApplicationEventPublisher events;
    private final Cache<String, Verified> verified;
    private final SecretKeySpec macKey;
    private final String domain;
    private final MeterRegistry meters;
    private final @Nullable DatabaseAdmission admission;

    /** Checked against when the login is unknown, so that unknown and known logins take the same time. */
    private final String unknownLoginHash;

    SignIn(
            AccountRepository repository,
            AccountQueries queries,
            PasswordEncoder passwordEncoder,
            SignInProperties properties,
            Clock clock,
            ApplicationEventPublisher events,
            @Value("${atoll.domain:example.test}") String domain,
            ObjectProvider<MeterRegistry> meters,
            ObjectProvider<DatabaseAdmission> admission) {
        this.meters = meters.getIfAvailable(SimpleMeterRegistry::new);
        this.admission = admission.getIfAvailable();
        this.repository = repository;
        this.queries = queries;
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
     * A login with a control character, or longer than any address, names no account and is refused without a
     * password hash or a database query: it counts as a failure of its source only. While a source backs off, only
     * a password verified before (remembered, so no hash is computed) gets in from there.
     *
     * @param login an address, or {@code DOMAIN\\user} as Windows clients send it (the user is then looked up in
     *     {@code atoll.domain})
     * @param source the client's network address, for back-off
     */
    public Result signIn(String login, String password, String source) {
        Result result = attempt(login, password, source);
        if (result instanceof Refused(Refusal reason)) {
            meters.counter("atoll.sign-in.refusals", "reason", reason.name().toLowerCase(Locale.ROOT))
                    .increment();
        }
        return result;
    }

    private Result attempt(String login, String password, String source) {
        if (!plausible(login)) {
            sourceFailed(source);
            return new Refused(Refusal.BAD_CREDENTIALS);
        }
        String address = address(login);
        if (!backOff.isOpen(address, source)) {
            return new Refused(Refusal.BACKING_OFF);
        }
        byte[] mac = mac(address, password);
        boolean sourceOpen = backOff.isOpen(source);
        if (!sourceOpen && verified.getIfPresent(address) == null) {
            return new Refused(Refusal.BACKING_OFF);
        }
        Optional<Credentials> found = credentials(address);
        if (!sourceOpen) {
            return found.filter(account -> remembered(account, mac))
                    .map(account -> accepted(account, address, source))
                    .orElseGet(() -> new Refused(Refusal.BACKING_OFF));
        }
        if (found.isEmpty()) {
            passwordEncoder.matches(password, unknownLoginHash);
            return failed(address, source, false);
        }
        Credentials account = found.get();
        if (remembered(account, mac)) {
            return accepted(account, address, source);
        }
        String storedHash = account.passwordHash();
        if (!passwordEncoder.matches(password, storedHash)) {
            return failed(address, source, true);
        }
        if (passwordEncoder.upgradeEncoding(storedHash)) {
            String upgraded = passwordEncoder.encode(password);
            if (repository.replacePasswordHash(account.account().id(), storedHash, upgraded) == 1) {
                storedHash = upgraded;
            }
        }
        verified.put(address, new Verified(storedHash, mac));
        return accepted(account, address, source);
    }

    private Optional<Credentials> credentials(String address) {
        if (admission == null) {
            return queries.credentials(address);
        }
        try (DatabaseAdmission.Slot slot = admission.enter(ADMISSION_PURPOSE)) {
            return queries.credentials(address);
        }
    }

    private static boolean plausible(String login) {
        return login.length() <= MAX_LOGIN_LENGTH
                && login.codePoints()
                        .noneMatch(c -> Character.isISOControl(c)
                                || Character.getType(c) == Character.LINE_SEPARATOR
                                || Character.getType(c) == Character.PARAGRAPH_SEPARATOR);
    }

    private boolean remembered(Credentials account, byte[] mac) {
        Verified known = verified.getIfPresent(account.account().address());
        return known != null
                && known.storedHash().equals(account.passwordHash())
                && MessageDigest.isEqual(known.passwordMac(), mac);
    }

    private Result accepted(Credentials account, String address, String source) {
        backOff.succeeded(address, source);
        AccountView view = account.account();
        return view.enabled() ? new Accepted(view) : new Disabled(view);
    }

    /**
     * Logs and, for an account that exists, audits the back-off; a login that names no account is never written to
     * the audit trail, so nobody writes entries there under names of their choice.
     */
    private Refused failed(String address, String source, boolean exists) {
        SignInBackOff.Delays delays = backOff.failed(address, source);
        if (!delays.pair().isZero()) {
            backedOff("login");
            log.warn("Sign-in for {} from {} failed again; refusing it for {}", address, source, delays.pair());
            if (exists) {
                events.publishEvent(new SignInBackedOff(address, source, delays.pair()));
            }
        }
        logSourceBackOff(source, delays.source());
        return new Refused(Refusal.BAD_CREDENTIALS);
    }

    /** A failure that (re)started a back-off, of one login from one source or of a whole source address. */
    private void backedOff(String scope) {
        meters.counter("atoll.sign-in.back-offs", "scope", scope).increment();
    }

    private void sourceFailed(String source) {
        logSourceBackOff(source, backOff.failed(source));
    }

    private void logSourceBackOff(String source, Duration delay) {
        if (!delay.isZero()) {
            backedOff("source");
            log.warn("Sign-ins from {} failed again; refusing unverified ones from there for {}", source, delay);
        }
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
