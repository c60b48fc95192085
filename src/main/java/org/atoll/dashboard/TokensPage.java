package org.atoll.dashboard;

import jakarta.servlet.http.HttpServletResponse;
import org.atoll.account.AccountException;
import org.atoll.account.AccountView;
import org.atoll.account.ApiTokens;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The signed-in account's personal API tokens: a new token's secret is shown once, on the page that answers its
 * creation (never stored in the session or a redirect), and a token can be revoked.
 */
@Controller
class TokensPage {

    private final ApiTokens tokens;

    TokensPage(ApiTokens tokens) {
        this.tokens = tokens;
    }

    @GetMapping("/my/tokens")
    String list(@AuthenticationPrincipal AccountView viewer, Model model) {
        model.addAttribute("tokens", tokens.of(viewer.id()));
        return "tokens";
    }

    @PostMapping("/my/tokens")
    String issue(
            @AuthenticationPrincipal AccountView viewer,
            @RequestParam(defaultValue = "") String name,
            @RequestParam(required = false) @Nullable Integer expiresInDays,
            HttpServletResponse response,
            Model model) {
        try {
            ApiTokens.IssuedToken issued = tokens.issue(viewer.id(), name, expiresInDays);
            response.setHeader("Cache-Control", "no-store");
            model.addAttribute("issued", issued);
        } catch (AccountException e) {
            model.addAttribute("problem", e.getMessage());
        }
        return list(viewer, model);
    }

    @PostMapping("/my/tokens/{id}/revoke")
    String revoke(@AuthenticationPrincipal AccountView viewer, @PathVariable long id, RedirectAttributes redirect) {
        if (!tokens.revoke(viewer.id(), id)) {
            throw new PageNotFound("token " + id);
        }
        redirect.addFlashAttribute("notice", "The token is revoked; programs using it are refused from now on.");
        return "redirect:/my/tokens";
    }
}
