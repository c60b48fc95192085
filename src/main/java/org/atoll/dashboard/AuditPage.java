package org.atoll.dashboard;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.atoll.account.Accounts;
import org.atoll.audit.AuditEntry;
import org.atoll.audit.AuditLog;
import org.atoll.audit.AuditQuery;
import org.atoll.shared.PageOf;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriComponentsBuilder;

/** The audit trail, newest first, filtered by account, actor and period, paged with its state in the URL. */
@Controller
class AuditPage {

    private final AuditLog audit;
    private final Accounts accounts;
    private final DashboardProperties properties;
    private final Clock clock;

    AuditPage(AuditLog audit, Accounts accounts, DashboardProperties properties, Clock clock) {
        this.audit = audit;
        this.accounts = accounts;
        this.properties = properties;
        this.clock = clock;
    }

    @GetMapping("/audit")
    String audit(
            @RequestParam(defaultValue = "") String account,
            @RequestParam(defaultValue = "") String actor,
            @RequestParam(defaultValue = "") String period,
            @RequestParam(defaultValue = "") String device,
            @RequestParam(defaultValue = "0") String page,
            Model model) {
        Long accountId =
                account.isBlank() ? null : accounts.idOf(account.strip()).orElse(-1L);
        Long devicePk = number(device);
        Duration within = switch (period) {
            case "1h" -> Duration.ofHours(1);
            case "1d" -> Duration.ofDays(1);
            case "7d" -> Duration.ofDays(7);
            case "30d" -> Duration.ofDays(30);
            default -> null;
        };
        Instant from = within == null ? null : clock.instant().minus(within);
        Long pageNumber = number(page);
        int current = pageNumber == null ? 0 : (int) Math.min(pageNumber, 100_000);
        int size = properties.pageSize();
        PageOf<AuditEntry> entries = audit.find(
                new AuditQuery(accountId, devicePk, actor.isBlank() ? null : actor.strip(), from, null), current, size);
        Map<String, String> state = new LinkedHashMap<>();
        state.put("account", account.strip());
        state.put("actor", actor.strip());
        state.put("period", within == null ? "" : period);
        state.put("device", devicePk == null ? "" : devicePk.toString());
        long pages = Math.max(1, (entries.total() + size - 1) / size);
        model.addAttribute("entries", entries.items());
        model.addAttribute("total", entries.total());
        model.addAttribute("account", account.strip());
        model.addAttribute("actor", actor.strip());
        model.addAttribute("period", within == null ? "" : period);
        model.addAttribute("page", current);
        model.addAttribute("pages", pages);
        model.addAttribute("filtered", state.values().stream().anyMatch(value -> !value.isEmpty()));
        model.addAttribute("previousUrl", current > 0 ? url(state, current - 1) : null);
        model.addAttribute("nextUrl", current + 1 < pages ? url(state, current + 1) : null);
        return "audit";
    }

    private static String url(Map<String, String> state, int page) {
        var builder = UriComponentsBuilder.fromPath("/audit");
        state.forEach((name, value) -> {
            if (!value.isEmpty()) {
                builder.queryParam(name, value);
            }
        });
        if (page > 0) {
            builder.queryParam("page", page);
        }
        return builder.encode().build().toUriString();
    }

    private static @Nullable Long number(String value) {
        try {
            long n = Long.parseLong(value.strip());
            return n < 0 ? null : n;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
