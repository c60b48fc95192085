package org.atoll.dashboard;

import jakarta.servlet.http.HttpServletRequest;
import org.atoll.account.AccountView;
import org.atoll.device.DeviceException;
import org.atoll.device.MobilePolicies;
import org.atoll.device.PolicySettings;
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
 * Mobile policies (MS-ASPROV 2.2.2.27 EASProvisionDoc): the list with how many accounts each is assigned to, a new
 * policy, and deleting one; accounts are assigned a policy on their own page.
 */
@Controller
class PoliciesPage {

    private final MobilePolicies policies;

    PoliciesPage(MobilePolicies policies) {
        this.policies = policies;
    }

    @GetMapping("/policies")
    String list(Model model) {
        model.addAttribute("policies", policies.list());
        return "policies";
    }

    @PostMapping("/policies")
    String create(
            @AuthenticationPrincipal AccountView viewer,
            @RequestParam String name,
            @RequestParam(defaultValue = "false") boolean passwordRequired,
            @RequestParam(defaultValue = "4") int minPasswordLength,
            @RequestParam(defaultValue = "false") boolean alphanumericRequired,
            @RequestParam(required = false) @Nullable Integer maxInactivityMinutes,
            @RequestParam(required = false) @Nullable Integer maxFailedAttempts,
            @RequestParam(defaultValue = "false") boolean requireEncryption,
            @RequestParam(defaultValue = "false") boolean allowNonProvisionable,
            @RequestParam(defaultValue = "false") boolean isDefault,
            HttpServletRequest request,
            RedirectAttributes redirect) {
        try {
            policies.create(
                    new PolicySettings(
                            name,
                            passwordRequired,
                            minPasswordLength,
                            alphanumericRequired,
                            maxInactivityMinutes == null ? null : maxInactivityMinutes * 60,
                            maxFailedAttempts,
                            requireEncryption,
                            null,
                            allowNonProvisionable,
                            isDefault),
                    Viewer.actor(viewer, request));
            redirect.addFlashAttribute("notice", "The policy is created.");
        } catch (DeviceException e) {
            redirect.addFlashAttribute("problem", e.getMessage());
        }
        return "redirect:/policies";
    }

    @PostMapping("/policies/{id}/delete")
    String delete(
            @AuthenticationPrincipal AccountView viewer,
            @PathVariable long id,
            HttpServletRequest request,
            RedirectAttributes redirect) {
        try {
            policies.delete(id, Viewer.actor(viewer, request));
            redirect.addFlashAttribute("notice", "The policy is deleted.");
        } catch (DeviceException e) {
            redirect.addFlashAttribute("problem", e.getMessage());
        }
        return "redirect:/policies";
    }
}
