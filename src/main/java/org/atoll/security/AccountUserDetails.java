package org.atoll.security;

import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Component;

/** Signs in against the account store. */
@Component
class AccountUserDetails implements UserDetailsService {

    private final org.atoll.account.Credentials credentials;

    AccountUserDetails(org.atoll.account.Credentials credentials) {
        this.credentials = credentials;
    }

    @Override
    public UserDetails loadUserByUsername(String username) {
        var account =
                credentials.forSignIn(username).orElseThrow(() -> new UsernameNotFoundException("No such account"));
        return User.withUsername(account.address())
                .password(account.passwordHash())
                .roles(account.role().name())
                .disabled(!account.enabled())
                .build();
    }
}
