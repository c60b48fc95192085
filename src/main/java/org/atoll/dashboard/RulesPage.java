package org.atoll.dashboard;

import jakarta.servlet.http.HttpServletRequest;
import org.atoll.account.AccountView;
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
 * not set personally is evaluated again when a rule or the default changes.
 */
@Controller
class RulesPage {

    private final DeviceAccess access;

    RulesPage(DeviceAccess access) {
        this.access = access;
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

    @PostMapping("/rules/{id}/delete")
    String delete(
            @AuthenticationPrincipal AccountView viewer,
            @PathVariable long id,
            HttpServletRequest request,
            RedirectAttributes redirect) {
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
            HttpServletRequest request,
            RedirectAttributes redirect) {
        this.access.setDefaultAccess(access, Viewer.actor(viewer, request));
        redirect.addFlashAttribute(
                "notice", "The organization default is now: " + access.name().toLowerCase() + ".");
        return "redirect:/rules";
    }
}
