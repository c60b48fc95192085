package org.atoll.api;

import jakarta.validation.Valid;
import java.net.URI;
import java.util.List;
import org.atoll.account.AccountView;
import org.atoll.account.ApiTokens;
import org.atoll.api.AccountDtos.AccountDto;
import org.atoll.api.AccountDtos.CreateToken;
import org.atoll.api.AccountDtos.IssuedTokenDto;
import org.atoll.api.AccountDtos.TokenDto;
import org.atoll.device.MobilePolicies;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The caller's own account and personal API tokens. */
@RestController
@RequestMapping("/api/v1/me")
class MeController {

    private final ApiTokens tokens;
    private final MobilePolicies policies;

    MeController(ApiTokens tokens, MobilePolicies policies) {
        this.tokens = tokens;
        this.policies = policies;
    }

    @GetMapping
    AccountDto me(@AuthenticationPrincipal AccountView caller) {
        return AccountDto.of(caller, policies.assigned(caller.id()).orElse(null));
    }

    @GetMapping("/tokens")
    List<TokenDto> tokens(@AuthenticationPrincipal AccountView caller) {
        return tokens.of(caller.id()).stream().map(TokenDto::of).toList();
    }

    /** The secret is in this response only; it is not stored and cannot be shown again. */
    @PostMapping("/tokens")
    ResponseEntity<IssuedTokenDto> issue(
            @AuthenticationPrincipal AccountView caller, @Valid @RequestBody CreateToken body) {
        ApiTokens.IssuedToken issued = tokens.issue(caller.id(), body.name(), body.expiresInDays());
        return ResponseEntity.created(
                        URI.create("/api/v1/me/tokens/" + issued.token().id()))
                .cacheControl(CacheControl.noStore())
                .body(new IssuedTokenDto(
                        issued.token().id(),
                        issued.token().name(),
                        issued.token().createdAt(),
                        issued.token().expiresAt(),
                        issued.secret()));
    }

    @DeleteMapping("/tokens/{tokenId}")
    ResponseEntity<Void> revoke(@AuthenticationPrincipal AccountView caller, @PathVariable long tokenId) {
        if (!tokens.revoke(caller.id(), tokenId)) {
            throw new NotVisible("token " + tokenId);
        }
        return ResponseEntity.noContent().build();
    }
}
