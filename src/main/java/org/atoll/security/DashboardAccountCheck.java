package org.atoll.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.atoll.account.AccountView;
import org.atoll.account.Accounts;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Reads the signed-in account again on every dashboard request: the session names the account by id only. A
 * deleted or disabled account's session ends at once (the browser is sent to sign in again); otherwise the request
 * runs as the account as it is now, its current role deciding what it may see.
 */
final class DashboardAccountCheck extends OncePerRequestFilter {

    private final Accounts accounts;

    DashboardAccountCheck(Accounts accounts) {
        this.accounts = accounts;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null || !(authentication.getPrincipal() instanceof Long id)) {
            chain.doFilter(request, response);
            return;
        }
        Optional<AccountView> account = accounts.find(id).filter(AccountView::enabled);
        if (account.isEmpty()) {
            SecurityContextHolder.clearContext();
            HttpSession session = request.getSession(false);
            if (session != null) {
                session.invalidate();
            }
            response.sendRedirect(request.getContextPath() + DashboardSecurity.SIGN_IN + "?ended");
            return;
        }
        var context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(
                account.get(),
                null,
                List.of(new SimpleGrantedAuthority(
                        "ROLE_" + account.get().role().name()))));
        SecurityContextHolder.setContext(context);
        chain.doFilter(request, response);
    }
}
