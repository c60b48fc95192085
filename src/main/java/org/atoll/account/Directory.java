package org.atoll.account;

import java.util.List;
import java.util.Locale;
import org.atoll.account.internal.Account;
import org.atoll.account.internal.AccountRepository;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The address book of this server, the global address list (GAL) of Exchange: the enabled accounts, found by the
 * start of their address, of their display name or of a word in it, with their {@link DirectoryDetails}. The details
 * are shown but not searched: the name and address are what a person types. Disabled accounts and accounts hidden
 * from the directory are never listed.
 */
@Service
public class Directory {

    /** The most matches one query returns, as Exchange bounds a GAL search (MS-ASCMD 2.2.3.143.3, Range). */
    public static final int MAX_RESULTS = 100;

    /** The shortest query text searched; shorter text would list the whole directory a letter at a time. */
    public static final int MIN_QUERY_LENGTH = 1;

    /** The longest query text, as ResolveRecipients bounds a To element (MS-ASCMD 2.2.3.183). */
    public static final int MAX_QUERY_LENGTH = 256;

    private final AccountRepository repository;

    Directory(AccountRepository repository) {
        this.repository = repository;
    }

    /**
     * The matches of {@code query} from position {@code offset}, at most {@code limit} (capped at {@link
     * #MAX_RESULTS}), by display name.
     *
     * @throws InvalidAccountData when the query is empty or too long, or the range is negative
     */
    @Transactional(readOnly = true)
    public DirectoryPage search(String query, int offset, int limit) {
        String text = normalized(query);
        if (offset < 0 || limit < 1) {
            throw new InvalidAccountData("A directory range starts at 0 and holds at least one entry");
        }
        int size = Math.min(limit, MAX_RESULTS);
        Page<Account> found =
                repository.directory(like(text) + "%", "% " + like(text) + "%", new OffsetPage(offset, size));
        return new DirectoryPage(
                found.getContent().stream()
                        .map(Account::view)
                        .map(Directory::entry)
                        .toList(),
                offset,
                found.getTotalElements());
    }

    /**
     * What a recipient as written resolves to: the one account whose address it is, or else the accounts whose
     * name or address it begins, at most {@code max}.
     *
     * @throws InvalidAccountData when the text is empty or too long
     */
    @Transactional(readOnly = true)
    public Resolution resolve(String written, int max) {
        String text = normalized(written);
        String address = bareAddress(text);
        var exact = repository
                .findByAddress(address)
                .map(Account::view)
                .filter(account -> account.enabled() && !account.hiddenFromDirectory());
        if (exact.isPresent()) {
            return new Resolution(List.of(entry(exact.get())), 1);
        }
        DirectoryPage page = search(text, 0, Math.max(1, max));
        return new Resolution(page.entries(), page.total());
    }

    /**
     * Accounts a recipient resolves to.
     *
     * @param total how many accounts match in all; more than the entries when the list was cut short
     */
    public record Resolution(List<DirectoryEntry> entries, long total) {}

    private static String normalized(String query) {
        String text = query.strip().toLowerCase(Locale.ROOT);
        if (text.length() < MIN_QUERY_LENGTH || text.length() > MAX_QUERY_LENGTH) {
            throw new InvalidAccountData(
                    "A directory query has " + MIN_QUERY_LENGTH + " to " + MAX_QUERY_LENGTH + " characters");
        }
        if (text.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidAccountData("A directory query holds no control characters");
        }
        return text;
    }

    /** {@code Ana <ana@example.org>} and {@code ana@example.org} both name the address. */
    private static String bareAddress(String text) {
        int open = text.lastIndexOf('<');
        int close = text.lastIndexOf('>');
        return open >= 0 && close > open ? text.substring(open + 1, close).strip() : text;
    }

    private static String like(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    private static DirectoryEntry entry(AccountView account) {
        String address = account.address();
        int at = address.indexOf('@');
        return new DirectoryEntry(
                account.displayName(), address, at > 0 ? address.substring(0, at) : address, account.details());
    }

    /** A window of {@code size} rows from any {@code offset}, not only at a multiple of the size as pages are. */
    private record OffsetPage(long offset, int size) implements Pageable {

        @Override
        public int getPageNumber() {
            return (int) (offset / size);
        }

        @Override
        public int getPageSize() {
            return size;
        }

        @Override
        public long getOffset() {
            return offset;
        }

        @Override
        public Sort getSort() {
            return Sort.unsorted();
        }

        @Override
        public Pageable next() {
            return new OffsetPage(offset + size, size);
        }

        @Override
        public Pageable previousOrFirst() {
            return new OffsetPage(Math.max(0, offset - size), size);
        }

        @Override
        public Pageable first() {
            return new OffsetPage(0, size);
        }

        @Override
        public Pageable withPage(int pageNumber) {
            return new OffsetPage((long) pageNumber * size, size);
        }

        @Override
        public boolean hasPrevious() {
            return offset > 0;
        }
    }
}
