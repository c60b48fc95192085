package org.atoll.api;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import java.net.URI;
import java.util.List;
import org.atoll.account.AccountView;
import org.atoll.api.DeviceDtos.AccessRuleDto;
import org.atoll.api.DeviceDtos.AccessSettingsDto;
import org.atoll.api.DeviceDtos.WriteAccessRule;
import org.atoll.device.AccessRule;
import org.atoll.device.DeviceAccess;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Device access rules and the organization's default access level, for administrators. */
@RestController
class AccessRulesController {

    private final DeviceAccess access;

    AccessRulesController(DeviceAccess access) {
        this.access = access;
    }

    @GetMapping("/api/v1/access-rules")
    List<AccessRuleDto> list() {
        return access.rules().stream().map(AccessRuleDto::of).toList();
    }

    @PostMapping("/api/v1/access-rules")
    ResponseEntity<AccessRuleDto> create(
            @AuthenticationPrincipal AccountView caller,
            @Valid @RequestBody WriteAccessRule body,
            HttpServletRequest http) {
        AccessRule rule =
                access.addRule(body.access(), body.characteristic(), body.queryString(), Caller.actor(caller, http));
        return ResponseEntity.created(URI.create("/api/v1/access-rules/" + rule.id()))
                .body(AccessRuleDto.of(rule));
    }

    @GetMapping("/api/v1/access-rules/{ruleId}")
    AccessRuleDto read(@PathVariable long ruleId) {
        return AccessRuleDto.of(access.rule(ruleId));
    }

    @PutMapping("/api/v1/access-rules/{ruleId}")
    AccessRuleDto update(
            @AuthenticationPrincipal AccountView caller,
            @PathVariable long ruleId,
            @Valid @RequestBody WriteAccessRule body,
            HttpServletRequest http) {
        return AccessRuleDto.of(access.updateRule(
                ruleId, body.access(), body.characteristic(), body.queryString(), Caller.actor(caller, http)));
    }

    @DeleteMapping("/api/v1/access-rules/{ruleId}")
    ResponseEntity<Void> delete(
            @AuthenticationPrincipal AccountView caller, @PathVariable long ruleId, HttpServletRequest http) {
        access.deleteRule(ruleId, Caller.actor(caller, http));
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/api/v1/access-settings")
    AccessSettingsDto settings() {
        return new AccessSettingsDto(access.defaultAccess());
    }

    @PutMapping("/api/v1/access-settings")
    AccessSettingsDto updateSettings(
            @AuthenticationPrincipal AccountView caller,
            @Valid @RequestBody AccessSettingsDto body,
            HttpServletRequest http) {
        return new AccessSettingsDto(access.setDefaultAccess(body.defaultAccess(), Caller.actor(caller, http)));
    }
}
