package org.atoll.security;

import java.util.List;
import org.atoll.account.AccountView;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * The dashboard's sign-in: {@link AccountAuthentication} (the same check and back-off as every front end), but a
 * disabled account is refused, and what the session keeps is the account's id alone, never the account's data.
 */
final class DashboardSignIn implements AuthenticationProvider {

    private final AccountAuthentication accounts;

    DashboardSignIn(AccountAuthentication accounts) {
        this.accounts = accounts;
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        Authentication signedIn = accounts.authenticate(authentication);
        if (!(signedIn.getPrincipal() instanceof AccountView account) || !account.enabled()) {
            throw new DisabledException("This account is disabled");
        }
        var token = UsernamePasswordAuthenticationToken.authenticated(
                account.id(),
                null,
                List.of(new SimpleGrantedAuthority("ROLE_" + account.role().name())));
        token.setDetails(authentication.getDetails());
        return token;
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return accounts.supports(authentication);
    }
}
