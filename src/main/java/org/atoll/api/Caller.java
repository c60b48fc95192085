package org.atoll.api;

import jakarta.servlet.http.HttpServletRequest;
import org.atoll.account.AccountView;
import org.atoll.account.Accounts;
import org.atoll.account.Role;
import org.atoll.shared.Actor;

/** Who calls the API, from the verified credentials only, and what that lets them see. */
final class Caller {

    private Caller() {}

    static Actor actor(AccountView caller, HttpServletRequest request) {
        return new Actor(caller.address(), request.getRemoteAddr());
    }

    static boolean isAdmin(AccountView caller) {
        return caller.role() == Role.ADMIN;
    }

    /** @throws NotVisible when a user asks for another account's things */
    static void requireSelfOrAdmin(AccountView caller, long accountId, String what) {
        if (!isAdmin(caller) && caller.id() != accountId) {
            throw new NotVisible(what);
        }
    }

    /**
     * @throws NotVisible when a user asks for another account's things, or an administrator for an account that does
     *     not exist
     */
    static void requireAccount(AccountView caller, long accountId, Accounts accounts) {
        requireSelfOrAdmin(caller, accountId, "account " + accountId);
        if (caller.id() != accountId && accounts.find(accountId).isEmpty()) {
            throw new NotVisible("account " + accountId);
        }
    }
}
