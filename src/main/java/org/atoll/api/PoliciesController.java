package org.atoll.api;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import java.net.URI;
import java.util.List;
import org.atoll.account.AccountView;
import org.atoll.api.DeviceDtos.PolicyDto;
import org.atoll.api.DeviceDtos.WritePolicy;
import org.atoll.device.MobilePolicies;
import org.atoll.device.PolicySettings;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Mobile device policies, for administrators. */
@RestController
@RequestMapping("/api/v1/policies")
class PoliciesController {

    private final MobilePolicies policies;

    PoliciesController(MobilePolicies policies) {
        this.policies = policies;
    }

    @GetMapping
    List<PolicyDto> list() {
        return policies.list().stream().map(PolicyDto::of).toList();
    }

    @PostMapping
    ResponseEntity<PolicyDto> create(
            @AuthenticationPrincipal AccountView caller,
            @Valid @RequestBody WritePolicy body,
            HttpServletRequest http) {
        PolicyDto created = PolicyDto.of(policies.create(settings(body), Caller.actor(caller, http)));
        return ResponseEntity.created(URI.create("/api/v1/policies/" + created.id()))
                .body(created);
    }

    @GetMapping("/{policyId}")
    PolicyDto read(@PathVariable long policyId) {
        return PolicyDto.of(policies.get(policyId));
    }

    @PutMapping("/{policyId}")
    PolicyDto update(
            @AuthenticationPrincipal AccountView caller,
            @PathVariable long policyId,
            @Valid @RequestBody WritePolicy body,
            HttpServletRequest http) {
        return PolicyDto.of(policies.update(policyId, settings(body), Caller.actor(caller, http)));
    }

    @DeleteMapping("/{policyId}")
    ResponseEntity<Void> delete(
            @AuthenticationPrincipal AccountView caller, @PathVariable long policyId, HttpServletRequest http) {
        policies.delete(policyId, Caller.actor(caller, http));
        return ResponseEntity.noContent().build();
    }

    private static PolicySettings settings(WritePolicy body) {
        return new PolicySettings(
                body.name(),
                body.passwordRequired(),
                body.minPasswordLength(),
                body.alphanumericRequired(),
                body.maxInactivitySeconds(),
                body.maxFailedAttempts(),
                body.requireEncryption(),
                body.maxAttachmentBytes(),
                body.allowNonProvisionable(),
                body.isDefault());
    }
}
