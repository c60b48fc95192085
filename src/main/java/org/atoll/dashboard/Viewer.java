package org.atoll.dashboard;

import jakarta.servlet.http.HttpServletRequest;
import org.atoll.account.AccountView;
import org.atoll.account.Role;
import org.atoll.device.Authority;
import org.atoll.shared.Actor;

/** Who looks at a page, from the signed-in session only, and what that lets them do. */
final class Viewer {

    private Viewer() {}

    static Actor actor(AccountView viewer, HttpServletRequest request) {
        return new Actor(viewer.address(), request.getRemoteAddr());
    }

    static boolean isAdmin(AccountView viewer) {
        return viewer.role() == Role.ADMIN;
    }

    /** An administrator acts as one even on their own devices; anyone else only as the device's owner. */
    static Authority authority(AccountView viewer) {
        return isAdmin(viewer) ? Authority.ADMINISTRATOR : Authority.OWNER;
    }
}
