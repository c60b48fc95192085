package org.atoll.eas.autodiscover;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import org.atoll.account.AccountView;
import org.atoll.account.SignIn;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The JSON Autodiscover that Outlook mobile asks before it tries the XML one: {@code GET
 * /autodiscover/autodiscover.json/v1.0/{address}?Protocol=ActiveSync}, or the same with {@code ?Email=address}, answers
 * {@code {"Protocol":"ActiveSync","Url":"…"}}. Like the XML endpoint it needs the account's own credentials and
 * answers only for the account's own address.
 */
@RestController
class AutodiscoverJsonController {

    private static final String PROTOCOL = "ActiveSync";

    private final ActiveSyncUrl url;
    private final SignIn signIn;

    AutodiscoverJsonController(ActiveSyncUrl url, SignIn signIn) {
        this.url = url;
        this.signIn = signIn;
    }

    @GetMapping(
            path = {"/autodiscover/autodiscover.json/v1.0/{address}", "/Autodiscover/Autodiscover.json/v1.0/{address}"},
            produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Map<String, String>> byPath(
            @AuthenticationPrincipal AccountView account,
            @PathVariable String address,
            @RequestParam(name = "Protocol", required = false) @Nullable String protocol,
            HttpServletRequest request) {
        return answer(account, address, protocol, request);
    }

    @GetMapping(
            path = {"/autodiscover/autodiscover.json", "/Autodiscover/Autodiscover.json"},
            produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Map<String, String>> byQuery(
            @AuthenticationPrincipal AccountView account,
            @RequestParam(name = "Email", required = false) @Nullable String address,
            @RequestParam(name = "Protocol", required = false) @Nullable String protocol,
            HttpServletRequest request) {
        return answer(account, address, protocol, request);
    }

    private ResponseEntity<Map<String, String>> answer(
            AccountView account, @Nullable String address, @Nullable String protocol, HttpServletRequest request) {
        if (!account.enabled()) {
            return ResponseEntity.status(HttpStatus.FORBIDDEN).build();
        }
        if (protocol == null || !protocol.equalsIgnoreCase(PROTOCOL)) {
            return error(
                    "InvalidProtocol",
                    "The Protocol parameter must be " + PROTOCOL + ", the only protocol this server offers");
        }
        if (address == null || address.isBlank()) {
            return error("InvalidEmailAddress", "An email address is required");
        }
        if (!account.address().equals(signIn.address(address))) {
            return ResponseEntity.status(HttpStatus.FORBIDDEN).build();
        }
        return ResponseEntity.ok(Map.of("Protocol", PROTOCOL, "Url", url.of(request)));
    }

    private static ResponseEntity<Map<String, String>> error(String code, String message) {
        return ResponseEntity.badRequest().body(Map.of("ErrorCode", code, "ErrorMessage", message));
    }
}
