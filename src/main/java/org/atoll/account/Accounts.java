package org.atoll.account;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.atoll.account.internal.Account;
import org.atoll.account.internal.AccountQueries;
import org.atoll.account.internal.AccountRepository;
import org.atoll.shared.Actor;
import org.atoll.shared.PageOf;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Opens accounts and keeps their credentials. Every method validates first and changes nothing on refusal. */
@Service
public class Accounts {

    /** Shortest password accepted, in characters (Unicode code points, as JSON Schema's minLength counts). */
    public static final int MIN_PASSWORD_LENGTH = 8;

    /**
     * Longest password accepted, in characters (Unicode code points, as JSON Schema's maxLength counts), so up to
     * 1024 bytes of UTF-8; longer input is refused rather than hashed.
     */
    public static final int MAX_PASSWORD_LENGTH = 256;

    /** Most accounts one page lists. */
    public static final int MAX_PAGE_SIZE = 200;

    private static final Pattern ADDRESS = Pattern.compile("[^\\s@\\p{Cntrl}]{1,64}@[^\\s@\\p{Cntrl}]{1,253}");

    private final AccountRepository repository;
    private final AccountQueries queries;
    private final PasswordEncoder passwordEncoder;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    Accounts(
            AccountRepository repository,
            AccountQueries queries,
            PasswordEncoder passwordEncoder,
            ApplicationEventPublisher events,
            Clock clock) {
        this.repository = repository;
        this.queries = queries;
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
        return create(request, Actor.SYSTEM);
    }

    /**
     * Opens an account with its mailbox, on behalf of someone.
     *
     * @throws InvalidAccountData when the address, display name, password or quota breaks a rule
     * @throws AddressTaken when another account has the address
     */
    @Transactional
    public AccountView create(NewAccount request, Actor actor) {
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
        events.publishEvent(new AccountCreated(account.id(), address, actor));
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

    /**
     * The id of the account with the address, read with one indexed query and no entity: for the hot paths (mail
     * delivery) that need to know only whom an address names. Runs in the caller's transaction, or alone.
     */
    public Optional<Long> idOf(String address) {
        return queries.idOf(address.strip().toLowerCase(Locale.ROOT));
    }

    /**
     * Whether an account of this server has an address in the domain: the domains this server serves, which make a
     * sender internal (Out of Office).
     */
    @Transactional(readOnly = true)
    public boolean servesDomain(String domain) {
        String suffix = "@" + domain.strip().toLowerCase(Locale.ROOT);
        return queries.anyAddressEndsWith(suffix);
    }

    @Transactional(readOnly = true)
    public long count() {
        return repository.count();
    }

    /**
     * Accounts in address order whose address or display name contains {@code query} (any case), all when it is
     * blank.
     *
     * @throws InvalidAccountData when the page or size is out of range
     */
    @Transactional(readOnly = true)
    public PageOf<AccountView> list(@Nullable String query, int page, int size) {
        if (page < 0 || size < 1 || size > MAX_PAGE_SIZE) {
            throw new InvalidAccountData("Pages start at 0 and hold 1 to " + MAX_PAGE_SIZE + " accounts");
        }
        String text = query == null ? "" : query.strip().toLowerCase(Locale.ROOT);
        String pattern = "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
        Page<Account> found = repository.search(pattern, PageRequest.of(page, size, Sort.by("address")));
        return new PageOf<>(
                found.getContent().stream().map(Account::view).toList(), page, size, found.getTotalElements());
    }

    /**
     * Replaces an account's settings.
     *
     * @throws AccountNotFound when no account has the id
     * @throws InvalidAccountData when the display name or quota breaks a rule
     * @throws LastAdministrator when the change would leave no enabled administrator
     */
    @Transactional
    public AccountView update(long id, AccountUpdate update, Actor actor) {
        Account account = load(id);
        AccountView before = account.view();
        String displayName = displayName(update.displayName(), before.address());
        if (update.quotaBytes() != null && update.quotaBytes() < 0) {
            throw new InvalidAccountData("The quota must not be negative");
        }
        boolean stillAdmin = update.role() == Role.ADMIN && update.enabled();
        if (before.role() == Role.ADMIN && before.enabled() && !stillAdmin) {
            requireAnotherAdministrator();
        }
        account.change(displayName, update.role(), update.enabled(), update.easEnabled(), update.quotaBytes(), now());
        repository.flush();
        AccountView after = account.view();
        events.publishEvent(new AccountChanged(id, after.address(), actor, differences(before, after)));
        return after;
    }

    /**
     * Sets a new password on an administrator's behalf, and revokes the account's API tokens.
     *
     * @throws AccountNotFound when no account has the id
     * @throws InvalidAccountData when the password breaks a rule
     */
    @Transactional
    public void resetPassword(long id, String password, Actor actor) {
        checkPassword(password);
        Account account = load(id);
        account.changePasswordHash(passwordEncoder.encode(password), now());
        events.publishEvent(new PasswordChanged(id));
        events.publishEvent(new AccountChanged(id, account.address(), actor, "password reset, API tokens revoked"));
    }

    /**
     * Deletes an account with its mailbox, devices and tokens.
     *
     * @param confirmation must repeat the account's address (any case), so a slip of an id deletes nothing
     * @throws AccountNotFound when no account has the id
     * @throws InvalidAccountData when the confirmation is not the address
     * @throws LastAdministrator when the account is the last enabled administrator
     */
    @Transactional
    public void delete(long id, @Nullable String confirmation, Actor actor) {
        Account account = load(id);
        if (confirmation == null
                || !account.address().equals(confirmation.strip().toLowerCase(Locale.ROOT))) {
            throw new InvalidAccountData("Confirm the deletion by repeating the account's address");
        }
        if (account.role() == Role.ADMIN && account.enabled()) {
            requireAnotherAdministrator();
        }
        events.publishEvent(new AccountDeleted(id, account.address(), actor));
        repository.delete(account);
        repository.flush();
    }

    private void requireAnotherAdministrator() {
        if (repository.countByRoleAndEnabled(Role.ADMIN, true) <= 1) {
            throw new LastAdministrator();
        }
    }

    private static String differences(AccountView before, AccountView after) {
        List<String> changed = new ArrayList<>();
        if (!before.displayName().equals(after.displayName())) {
            changed.add("display name");
        }
        if (before.role() != after.role()) {
            changed.add("role " + after.role());
        }
        if (before.enabled() != after.enabled()) {
            changed.add(after.enabled() ? "enabled" : "disabled");
        }
        if (before.easEnabled() != after.easEnabled()) {
            changed.add(after.easEnabled() ? "ActiveSync enabled" : "ActiveSync disabled");
        }
        if (!Objects.equals(before.quotaBytes(), after.quotaBytes())) {
            changed.add("quota " + (after.quotaBytes() == null ? "none" : after.quotaBytes() + " bytes"));
        }
        return changed.isEmpty() ? "no change" : String.join(", ", changed);
    }

    /**
     * Sets a new password the account's owner chose, and revokes the account's API tokens.
     *
     * @throws AccountNotFound when no account has the id
     * @throws InvalidAccountData when the password breaks a rule
     */
    @Transactional
    public void changePassword(long id, String password) {
        checkPassword(password);
        load(id).changePasswordHash(passwordEncoder.encode(password), now());
        events.publishEvent(new PasswordChanged(id));
    }

    /**
     * Hides the account from the directory or shows it again; it still receives mail and signs in.
     *
     * @throws AccountNotFound when no account has the id
     */
    @Transactional
    public AccountView setHiddenFromDirectory(long id, boolean hidden, Actor actor) {
        Account account = load(id);
        if (account.view().hiddenFromDirectory() == hidden) {
            return account.view();
        }
        account.hideFromDirectory(hidden, now());
        repository.flush();
        AccountView after = account.view();
        events.publishEvent(new AccountChanged(
                id, after.address(), actor, hidden ? "hidden from the directory" : "shown in the directory"));
        return after;
    }

    /**
     * Replaces what the directory shows of the account besides name and address; audited with the names of the
     * details that changed, never their values.
     *
     * @throws AccountNotFound when no account has the id
     * @throws InvalidAccountData when a detail is too long or holds a control character
     */
    @Transactional
    public AccountView setDirectoryDetails(long id, DirectoryDetails details, Actor actor) {
        Account account = load(id);
        DirectoryDetails checked = DirectoryDetails.of(
                details.firstName(),
                details.lastName(),
                details.company(),
                details.title(),
                details.office(),
                details.phone(),
                details.mobilePhone());
        List<String> changed = checked.differencesFrom(account.view().details());
        if (changed.isEmpty()) {
            return account.view();
        }
        account.describe(checked, now());
        repository.flush();
        AccountView after = account.view();
        events.publishEvent(
                new AccountChanged(id, after.address(), actor, "directory details: " + String.join(", ", changed)));
        return after;
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
        if (password == null || password.codePointCount(0, password.length()) < MIN_PASSWORD_LENGTH) {
            throw new InvalidAccountData("The password must have at least " + MIN_PASSWORD_LENGTH + " characters");
        }
        if (password.codePointCount(0, password.length()) > MAX_PASSWORD_LENGTH) {
            throw new InvalidAccountData("The password must have at most " + MAX_PASSWORD_LENGTH + " characters");
        }
    }
}
