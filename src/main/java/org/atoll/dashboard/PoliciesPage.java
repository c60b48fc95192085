package org.atoll.dashboard;

import jakarta.servlet.http.HttpServletRequest;
import java.util.LinkedHashMap;
import java.util.Map;
import org.atoll.account.AccountView;
import org.atoll.device.DeviceException;
import org.atoll.device.MobilePolicies;
import org.atoll.device.MobilePolicies.PolicyView;
import org.atoll.device.PolicyNotFound;
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
 * policy, editing one (its version goes up, so its devices provision again) and deleting one after a confirmation;
 * accounts are assigned a policy on their own page. Each change is audited with who made it.
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

    @GetMapping("/policies/{id}")
    String edit(@PathVariable long id, Model model) {
        model.addAttribute("p", find(id));
        return "policy";
    }

    @PostMapping("/policies/{id}")
    String update(
            @AuthenticationPrincipal AccountView viewer,
            @PathVariable long id,
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
        PolicyView current = find(id);
        try {
            policies.update(
                    id,
                    new PolicySettings(
                            name,
                            passwordRequired,
                            minPasswordLength,
                            alphanumericRequired,
                            maxInactivityMinutes == null ? null : maxInactivityMinutes * 60,
                            maxFailedAttempts,
                            requireEncryption,
                            current.policy().maxAttachmentBytes(),
                            allowNonProvisionable,
                            isDefault || current.isDefault()),
                    Viewer.actor(viewer, request));
            redirect.addFlashAttribute("notice", "The policy is saved; its devices provision again.");
            return "redirect:/policies";
        } catch (DeviceException e) {
            redirect.addFlashAttribute("problem", e.getMessage());
            return "redirect:/policies/" + id;
        }
    }

    @GetMapping("/policies/{id}/delete")
    String confirmDelete(@PathVariable long id, Model model) {
        PolicyView policy = find(id);
        Map<String, String> details = new LinkedHashMap<>();
        details.put("Policy", policy.policy().name());
        details.put(
                "Assigned to", policy.assignedAccounts() + (policy.assignedAccounts() == 1 ? " account" : " accounts"));
        return new Confirmation(
                        "Delete the policy",
                        "Accounts this policy is assigned to get the default policy, and their devices provision"
                                + " again at their next request.",
                        details,
                        "/policies/" + id + "/delete",
                        Map.of(),
                        "Delete the policy",
                        true,
                        "/policies",
                        "Mobile policies")
                .show(model);
    }

    @PostMapping("/policies/{id}/delete")
    String delete(
            @AuthenticationPrincipal AccountView viewer,
            @PathVariable long id,
            @RequestParam(defaultValue = "false") boolean confirmed,
            HttpServletRequest request,
            Model model,
            RedirectAttributes redirect) {
        if (!confirmed) {
            return confirmDelete(id, model);
        }
        try {
            policies.delete(id, Viewer.actor(viewer, request));
            redirect.addFlashAttribute("notice", "The policy is deleted.");
        } catch (DeviceException e) {
            redirect.addFlashAttribute("problem", e.getMessage());
        }
        return "redirect:/policies";
    }

    private PolicyView find(long id) {
        try {
            return policies.get(id);
        } catch (PolicyNotFound e) {
            throw new PageNotFound("policy " + id);
        }
    }
}
