package org.atoll.account.internal;

import java.util.Optional;
import org.atoll.account.Role;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.transaction.annotation.Transactional;

public interface AccountRepository extends JpaRepository<Account, Long> {

    Optional<Account> findByAddress(String address);

    boolean existsByAddress(String address);

    /** Accounts whose lower-cased address or display name matches the LIKE pattern, which escapes with a backslash. */
    @Query("""
            SELECT a FROM Account a
            WHERE lower(a.address) LIKE :pattern ESCAPE '\\' OR lower(a.displayName) LIKE :pattern ESCAPE '\\'
            """)
    Page<Account> search(String pattern, Pageable pageable);

    long countByRoleAndEnabled(Role role, boolean enabled);

    /**
     * Enabled accounts not hidden from it, for the directory, by ambiguous name resolution: the address or the display name starts with
     * {@code prefix}, or a word of the display name does ({@code wordPrefix}, the prefix after a space). Both patterns
     * are lower-case LIKE patterns escaped with a backslash.
     */
    @Query("""
            SELECT a FROM Account a
            WHERE a.enabled = true AND a.hiddenFromDirectory = false
              AND (lower(a.address) LIKE :prefix ESCAPE '\\'
                   OR lower(a.displayName) LIKE :prefix ESCAPE '\\'
                   OR lower(a.displayName) LIKE :wordPrefix ESCAPE '\\')
            ORDER BY lower(a.displayName), a.address
            """)
    Page<Account> directory(String prefix, String wordPrefix, Pageable pageable);

    /**
     * Replaces a password hash by one of the same password in the current algorithm, unless the password was
     * changed meanwhile.
     *
     * @return 1 if replaced, 0 if the stored hash is no longer the old one
     */
    @Transactional
    @Modifying
    @Query("""
            UPDATE Account a SET a.passwordHash = :newHash, a.version = a.version + 1
            WHERE a.id = :id AND a.passwordHash = :oldHash
            """)
    int replacePasswordHash(long id, String oldHash, String newHash);
}
