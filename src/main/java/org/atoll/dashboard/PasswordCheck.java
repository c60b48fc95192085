package org.atoll.dashboard;

import jakarta.servlet.http.HttpServletRequest;
import org.atoll.account.AccountView;
import org.atoll.account.SignIn;
import org.springframework.stereotype.Component;

/**
 * The fresh password asked for before a wipe or a partnership removal: checked like any sign-in, so a wrong one
 * counts towards the same back-off, and a session left open on someone else's screen cannot wipe a phone.
 */
@Component
class PasswordCheck {

    private final SignIn signIn;

    PasswordCheck(SignIn signIn) {
        this.signIn = signIn;
    }

    boolean confirms(AccountView viewer, String password, HttpServletRequest request) {
        return signIn.signIn(viewer.address(), password, request.getRemoteAddr())
                        instanceof SignIn.Accepted(AccountView account)
                && account.id() == viewer.id();
    }
}
