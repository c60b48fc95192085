package org.atoll.dashboard;

import org.atoll.account.AccountView;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The sign-in form (Spring Security checks what it posts) and the start page: administrators land on the overview,
 * anyone else on their own devices.
 */
@Controller
class SignInPage {

    @GetMapping("/sign-in")
    String signIn() {
        return "sign-in";
    }

    @GetMapping("/")
    String start(@AuthenticationPrincipal @Nullable AccountView viewer) {
        return viewer != null && Viewer.isAdmin(viewer) ? "redirect:/overview" : "redirect:/devices";
    }
}
