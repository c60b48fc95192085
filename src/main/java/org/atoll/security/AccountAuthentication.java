package org.atoll.security;

import java.util.List;
import org.atoll.account.AccountView;
import org.atoll.account.SignIn;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Component;

/**
 * Checks HTTP Basic credentials against the account store through {@link SignIn}; the authenticated principal is
 * the {@link AccountView}, the one source of the caller's identity.
 */
@Component
class AccountAuthentication implements AuthenticationProvider {

    /**
     * The only authority of a disabled account with the right password: no role, so every chain that asks for one
     * refuses it, and front ends that merely ask for authentication must check {@link AccountView#enabled()}.
     */
    static final String DISABLED_AUTHORITY = "ACCOUNT_DISABLED";

    private final SignIn signIn;

    AccountAuthentication(SignIn signIn) {
        this.signIn = signIn;
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        String login = authentication.getName();
        Object credentials = authentication.getCredentials();
        String password = credentials == null ? "" : credentials.toString();
        String source = authentication.getDetails() instanceof WebAuthenticationDetails details
                        && details.getRemoteAddress() != null
                ? details.getRemoteAddress()
                : "unknown";
        return switch (signIn.signIn(login, password, source)) {
            case SignIn.Accepted(AccountView account) ->
                UsernamePasswordAuthenticationToken.authenticated(
                        account,
                        null,
                        List.of(new SimpleGrantedAuthority(
                                "ROLE_" + account.role().name())));
            case SignIn.Disabled(AccountView account) ->
                UsernamePasswordAuthenticationToken.authenticated(
                        account, null, List.of(new SimpleGrantedAuthority(DISABLED_AUTHORITY)));
            case SignIn.Refused(SignIn.Refusal reason) ->
                throw switch (reason) {
                    case BAD_CREDENTIALS -> new BadCredentialsException("Bad credentials");
                    case BACKING_OFF -> new LockedException("Too many failed sign-ins; try again later");
                };
        };
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
