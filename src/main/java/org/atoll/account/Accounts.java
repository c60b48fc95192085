package org.atoll.account;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.atoll.account.internal.Account;
import org.atoll.account.internal.AccountRepository;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Opens accounts and keeps their credentials. Every method validates first and changes nothing on refusal. */
@Service
public class Accounts {

    /** Shortest password accepted. */
    public static final int MIN_PASSWORD_LENGTH = 8;

    /** Longest password accepted; longer input is refused rather than hashed. */
    public static final int MAX_PASSWORD_LENGTH = 256;

    private static final Pattern ADDRESS = Pattern.compile("[^\\s@\\p{Cntrl}]{1,64}@[^\\s@\\p{Cntrl}]{1,253}");

    private final AccountRepository repository;
    private final PasswordEncoder passwordEncoder;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    Accounts(
            AccountRepository repository,
            PasswordEncoder passwordEncoder,
            ApplicationEventPublisher events,
            Clock clock) {
        this.repository = repository;
        this.passwordEncoder = passwordEncoder;
        this.events = events;
        this.clock = clock;
    }

    /**
     * Opens an account with its mailbox.
     *
     * @throws InvalidAccountData when the address, display name, password or quota breaks a rule
     * @throws AddressTaken when another account has the address
     */
    @Transactional
    public AccountView create(NewAccount request) {
        String address = normalizeAddress(request.address());
        String displayName = displayName(request.displayName(), address);
        checkPassword(request.password());
        if (request.quotaBytes() != null && request.quotaBytes() < 0) {
            throw new InvalidAccountData("The quota must not be negative");
        }
        if (repository.existsByAddress(address)) {
            throw new AddressTaken(address);
        }
        Account account = repository.saveAndFlush(new Account(
                address,
                displayName,
                passwordEncoder.encode(request.password()),
                request.role(),
                request.quotaBytes(),
                now()));
        events.publishEvent(new AccountCreated(account.id(), address));
        return account.view();
    }

    @Transactional(readOnly = true)
    public Optional<AccountView> find(long id) {
        return repository.findById(id).map(Account::view);
    }

    @Transactional(readOnly = true)
    public Optional<AccountView> findByAddress(String address) {
        return repository
                .findByAddress(address.strip().toLowerCase(Locale.ROOT))
                .map(Account::view);
    }

    @Transactional(readOnly = true)
    public long count() {
        return repository.count();
    }

    /**
     * @throws AccountNotFound when no account has the id
     * @throws InvalidAccountData when the password breaks a rule
     */
    @Transactional
    public void changePassword(long id, String password) {
        checkPassword(password);
        load(id).changePasswordHash(passwordEncoder.encode(password), now());
    }

    /** @throws AccountNotFound when no account has the id */
    @Transactional
    public AccountView setEnabled(long id, boolean enabled) {
        Account account = load(id);
        account.enable(enabled, now());
        return account.view();
    }

    /** PostgreSQL keeps microseconds; a view returned now must equal the same view read later. */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    private Account load(long id) {
        return repository.findById(id).orElseThrow(() -> new AccountNotFound("with id " + id));
    }

    static String normalizeAddress(@Nullable String address) {
        if (address == null) {
            throw new InvalidAccountData("The address is required");
        }
        String normalized = address.strip().toLowerCase(Locale.ROOT);
        if (normalized.length() > 320 || !ADDRESS.matcher(normalized).matches()) {
            throw new InvalidAccountData("The address must look like name@domain");
        }
        return normalized;
    }

    private static String displayName(@Nullable String requested, String address) {
        String name = requested == null ? "" : requested.strip();
        if (name.isEmpty()) {
            return address.substring(0, address.indexOf('@'));
        }
        if (name.length() > 256 || name.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidAccountData("The display name must be at most 256 printable characters");
        }
        return name;
    }

    private static void checkPassword(@Nullable String password) {
        if (password == null || password.length() < MIN_PASSWORD_LENGTH) {
            throw new InvalidAccountData("The password must have at least " + MIN_PASSWORD_LENGTH + " characters");
        }
        if (password.length() > MAX_PASSWORD_LENGTH) {
            throw new InvalidAccountData("The password must have at most " + MAX_PASSWORD_LENGTH + " characters");
        }
    }
}
