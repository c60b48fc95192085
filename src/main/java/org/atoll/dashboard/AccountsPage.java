package org.atoll.dashboard;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;
import org.atoll.account.AccountException;
import org.atoll.account.AccountUpdate;
import org.atoll.account.AccountView;
import org.atoll.account.Accounts;
import org.atoll.account.DirectoryDetails;
import org.atoll.account.NewAccount;
import org.atoll.account.Role;
import org.atoll.device.DeviceException;
import org.atoll.device.DeviceFilter;
import org.atoll.device.DeviceSort;
import org.atoll.device.Devices;
import org.atoll.device.MobilePolicies;
import org.atoll.shared.Actor;
import org.atoll.shared.PageOf;
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
 * Accounts for administrators: create, enable or disable, reset a password, assign a policy, set what the directory
 * shows, see the devices.
 */
@Controller
class AccountsPage {

    private final Accounts accounts;
    private final MobilePolicies policies;
    private final Devices devices;
    private final DashboardProperties properties;

    AccountsPage(Accounts accounts, MobilePolicies policies, Devices devices, DashboardProperties properties) {
        this.accounts = accounts;
        this.policies = policies;
        this.devices = devices;
        this.properties = properties;
    }

    @GetMapping("/accounts")
    String list(@RequestParam(defaultValue = "") String q, @RequestParam(defaultValue = "0") int page, Model model) {
        int size = properties.pageSize();
        int current = Math.max(0, Math.min(page, 100_000));
        PageOf<AccountView> found = accounts.list(q.isBlank() ? null : q.strip(), current, size);
        long pages = Math.max(1, (found.total() + size - 1) / size);
        model.addAttribute("accounts", found.items());
        model.addAttribute("total", found.total());
        model.addAttribute("q", q.strip());
        model.addAttribute("page", current);
        model.addAttribute("pages", pages);
        return "accounts";
    }

    @PostMapping("/accounts")
    String create(
            @AuthenticationPrincipal AccountView viewer,
            @RequestParam String address,
            @RequestParam(defaultValue = "") String displayName,
            @RequestParam String password,
            @RequestParam(defaultValue = "USER") Role role,
            HttpServletRequest request,
            RedirectAttributes redirect) {
        try {
            AccountView created = accounts.create(
                    new NewAccount(address, blankToNull(displayName), password, role, null),
                    Viewer.actor(viewer, request));
            redirect.addFlashAttribute("notice", "The account " + created.address() + " is created.");
            return "redirect:/accounts/" + created.id();
        } catch (AccountException e) {
            redirect.addFlashAttribute("problem", e.getMessage());
            return "redirect:/accounts";
        }
    }

    @GetMapping("/accounts/{id}")
    String detail(@PathVariable long id, Model model) {
        AccountView account = find(id);
        model.addAttribute("account", account);
        model.addAttribute("pageTitle", account.address());
        model.addAttribute("policies", policies.list());
        model.addAttribute("assigned", policies.assigned(id).orElse(null));
        model.addAttribute(
                "devices",
                devices.list(
                                new DeviceFilter(id, null, null, null, null, null, null),
                                DeviceSort.FIRST_SYNC,
                                false,
                                0,
                                Devices.MAX_PAGE_SIZE)
                        .items());
        return "account";
    }

    @PostMapping("/accounts/{id}/enabled")
    String setEnabled(
            @AuthenticationPrincipal AccountView viewer,
            @PathVariable long id,
            @RequestParam boolean enabled,
            HttpServletRequest request,
            RedirectAttributes redirect) {
        AccountView account = find(id);
        try {
            accounts.update(
                    id,
                    new AccountUpdate(
                            account.displayName(), account.role(), enabled, account.easEnabled(), account.quotaBytes()),
                    Viewer.actor(viewer, request));
            redirect.addFlashAttribute(
                    "notice",
                    enabled ? "The account is enabled." : "The account is disabled; its devices stop syncing.");
        } catch (AccountException e) {
            redirect.addFlashAttribute("problem", e.getMessage());
        }
        return "redirect:/accounts/" + id;
    }

    @PostMapping("/accounts/{id}/password")
    String resetPassword(
            @AuthenticationPrincipal AccountView viewer,
            @PathVariable long id,
            @RequestParam String password,
            HttpServletRequest request,
            RedirectAttributes redirect) {
        find(id);
        try {
            accounts.resetPassword(id, password, Viewer.actor(viewer, request));
            redirect.addFlashAttribute("notice", "The password is set; the account's API tokens are revoked.");
        } catch (AccountException e) {
            redirect.addFlashAttribute("problem", e.getMessage());
        }
        return "redirect:/accounts/" + id;
    }

    @PostMapping("/accounts/{id}/directory")
    String setDirectoryDetails(
            @AuthenticationPrincipal AccountView viewer,
            @PathVariable long id,
            @RequestParam(defaultValue = "") String firstName,
            @RequestParam(defaultValue = "") String lastName,
            @RequestParam(defaultValue = "") String company,
            @RequestParam(defaultValue = "") String title,
            @RequestParam(defaultValue = "") String office,
            @RequestParam(defaultValue = "") String phone,
            @RequestParam(defaultValue = "") String mobilePhone,
            HttpServletRequest request,
            RedirectAttributes redirect) {
        find(id);
        try {
            accounts.setDirectoryDetails(
                    id,
                    DirectoryDetails.of(firstName, lastName, company, title, office, phone, mobilePhone),
                    Viewer.actor(viewer, request));
            redirect.addFlashAttribute("notice", "The directory details are saved.");
        } catch (AccountException e) {
            redirect.addFlashAttribute("problem", e.getMessage());
        }
        return "redirect:/accounts/" + id;
    }

    @PostMapping("/accounts/{id}/policy")
    String assignPolicy(
            @AuthenticationPrincipal AccountView viewer,
            @PathVariable long id,
            @RequestParam(defaultValue = "") String policy,
            HttpServletRequest request,
            RedirectAttributes redirect) {
        find(id);
        Actor actor = Viewer.actor(viewer, request);
        try {
            Long policyId = policy.isBlank() ? null : Long.valueOf(policy);
            policies.assign(id, policyId, actor);
            redirect.addFlashAttribute(
                    "notice",
                    policyId == null
                            ? "The account follows the default policy."
                            : "The policy is assigned; the account's devices provision again.");
        } catch (DeviceException | NumberFormatException e) {
            redirect.addFlashAttribute("problem", "No such policy");
        }
        return "redirect:/accounts/" + id;
    }

    private AccountView find(long id) {
        Optional<AccountView> account = accounts.find(id);
        return account.orElseThrow(() -> new PageNotFound("account " + id));
    }

    private static @Nullable String blankToNull(String value) {
        return value.isBlank() ? null : value.strip();
    }
}
