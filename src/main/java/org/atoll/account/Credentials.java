package org.atoll.account;

import java.util.Locale;
import java.util.Optional;
import org.atoll.account.internal.AccountRepository;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Hands the stored password hash to the sign-in machinery, and to nothing else. */
@Service
public class Credentials {

    /** What sign-in needs of an account. */
    public record SignIn(String address, String passwordHash, Role role, boolean enabled) {

        @Override
        public String toString() {
            return "SignIn[" + address + ", " + role + ", enabled=" + enabled + "]";
        }
    }

    private final AccountRepository repository;

    Credentials(AccountRepository repository) {
        this.repository = repository;
    }

    @Transactional(readOnly = true)
    public Optional<SignIn> forSignIn(String address) {
        return repository
                .findByAddress(address.strip().toLowerCase(Locale.ROOT))
                .map(a -> {
                    var view = a.view();
                    return new SignIn(view.address(), a.passwordHash(), view.role(), view.enabled());
                });
    }
}
