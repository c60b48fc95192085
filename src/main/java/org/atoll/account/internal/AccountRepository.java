package org.atoll.account.internal;

import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;

public interface AccountRepository extends JpaRepository<Account, Long> {

    Optional<Account> findByAddress(String address);

    boolean existsByAddress(String address);
}
