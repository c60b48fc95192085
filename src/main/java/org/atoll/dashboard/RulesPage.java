package org.atoll.dashboard;

import jakarta.servlet.http.HttpServletRequest;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.atoll.account.AccountView;
import org.atoll.device.AccessRule;
import org.atoll.device.AccessRuleNotFound;
import org.atoll.device.AccessState;
import org.atoll.device.Characteristic;
import org.atoll.device.DeviceAccess;
import org.atoll.device.DeviceException;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Device access rules and the organization's default access level, in Exchange's order of evaluation; every device
 * not set personally is evaluated again when a rule or the default changes. A rule is edited on a page of its own;
 * deleting a rule and changing the default are confirmed first. Each change is audited with who made it.
 */
@Controller
class RulesPage {

    private final DeviceAccess access;
    private final Labels labels;

    RulesPage(DeviceAccess access, Labels labels) {
        this.access = access;
        this.labels = labels;
    }

    @GetMapping("/rules")
    String rules(Model model) {
        model.addAttribute("rules", access.rules());
        model.addAttribute("defaultAccess", access.defaultAccess());
        model.addAttribute("states", AccessState.values());
        model.addAttribute("characteristics", Characteristic.values());
        return "rules";
    }

    @PostMapping("/rules")
    String add(
            @AuthenticationPrincipal AccountView viewer,
            @RequestParam AccessState access,
            @RequestParam Characteristic characteristic,
            @RequestParam String queryString,
            HttpServletRequest request,
            RedirectAttributes redirect) {
        try {
            this.access.addRule(access, characteristic, queryString, Viewer.actor(viewer, request));
            redirect.addFlashAttribute("notice", "The rule is added; devices are evaluated again.");
        } catch (DeviceException e) {
            redirect.addFlashAttribute("problem", e.getMessage());
        }
        return "redirect:/rules";
    }

    @GetMapping("/rules/{id}")
    String edit(@PathVariable long id, Model model) {
        AccessRule rule = find(id);
        model.addAttribute("rule", rule);
        model.addAttribute("states", AccessState.values());
        model.addAttribute("characteristics", Characteristic.values());
        return "rule";
    }

    @PostMapping("/rules/{id}")
    String update(
            @AuthenticationPrincipal AccountView viewer,
            @PathVariable long id,
            @RequestParam AccessState access,
            @RequestParam Characteristic characteristic,
            @RequestParam String queryString,
            HttpServletRequest request,
            RedirectAttributes redirect) {
        find(id);
        try {
            this.access.updateRule(id, access, characteristic, queryString, Viewer.actor(viewer, request));
            redirect.addFlashAttribute("notice", "The rule is saved; devices are evaluated again.");
            return "redirect:/rules";
        } catch (DeviceException e) {
            redirect.addFlashAttribute("problem", e.getMessage());
            return "redirect:/rules/" + id;
        }
    }

    @GetMapping("/rules/{id}/delete")
    String confirmDelete(@PathVariable long id, Model model) {
        AccessRule rule = find(id);
        Map<String, String> details = new LinkedHashMap<>();
        details.put("Access", labels.access(rule.access()));
        details.put("Matches", labels.characteristic(rule.characteristic()));
        details.put("Value", rule.queryString());
        return new Confirmation(
                        "Delete the access rule",
                        "Devices this rule matched are evaluated again at once: by the other rules, else by the"
                                + " organization default. A state set for a device itself stays.",
                        details,
                        "/rules/" + id + "/delete",
                        Map.of(),
                        "Delete the rule",
                        true,
                        "/rules",
                        "Access rules")
                .show(model);
    }

    @PostMapping("/rules/{id}/delete")
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
            access.deleteRule(id, Viewer.actor(viewer, request));
            redirect.addFlashAttribute("notice", "The rule is deleted; devices are evaluated again.");
        } catch (DeviceException e) {
            redirect.addFlashAttribute("problem", e.getMessage());
        }
        return "redirect:/rules";
    }

    @PostMapping("/rules/default")
    String setDefault(
            @AuthenticationPrincipal AccountView viewer,
            @RequestParam AccessState access,
            @RequestParam(defaultValue = "false") boolean confirmed,
            HttpServletRequest request,
            Model model,
            RedirectAttributes redirect) {
        AccessState current = this.access.defaultAccess();
        if (access == current) {
            redirect.addFlashAttribute("notice", "The organization default stays: " + word(access) + ".");
            return "redirect:/rules";
        }
        if (!confirmed) {
            Map<String, String> details = new LinkedHashMap<>();
            details.put("Now", labels.access(current));
            details.put("After", labels.access(access));
            return new Confirmation(
                            "Change the organization default",
                            "Every device that no rule matches and that has no state of its own becomes "
                                    + word(access) + " at once"
                                    + (access == AccessState.ALLOWED
                                            ? "."
                                            : "; its next request is refused until it is allowed again."),
                            details,
                            "/rules/default",
                            Map.of("access", access.name()),
                            "Make devices " + word(access),
                            access != AccessState.ALLOWED,
                            "/rules",
                            "Access rules")
                    .show(model);
        }
        this.access.setDefaultAccess(access, Viewer.actor(viewer, request));
        redirect.addFlashAttribute("notice", "The organization default is now: " + word(access) + ".");
        return "redirect:/rules";
    }

    private AccessRule find(long id) {
        try {
            return access.rule(id);
        } catch (AccessRuleNotFound e) {
            throw new PageNotFound("access rule " + id);
        }
    }

    private String word(AccessState state) {
        return labels.access(state).toLowerCase(Locale.ROOT);
    }
}
