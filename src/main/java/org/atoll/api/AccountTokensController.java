package org.atoll.api;

import java.util.List;
import org.atoll.account.AccountView;
import org.atoll.account.Accounts;
import org.atoll.account.ApiTokens;
import org.atoll.api.AccountDtos.TokenDto;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Any account's API tokens, for administrators; a user reaches only their own, anything else is not found. */
@RestController
@RequestMapping("/api/v1/accounts/{accountId}/tokens")
class AccountTokensController {

    private final Accounts accounts;
    private final ApiTokens tokens;

    AccountTokensController(Accounts accounts, ApiTokens tokens) {
        this.accounts = accounts;
        this.tokens = tokens;
    }

    @GetMapping
    List<TokenDto> list(@AuthenticationPrincipal AccountView caller, @PathVariable long accountId) {
        visible(caller, accountId);
        return tokens.of(accountId).stream().map(TokenDto::of).toList();
    }

    @DeleteMapping("/{tokenId}")
    ResponseEntity<Void> revoke(
            @AuthenticationPrincipal AccountView caller, @PathVariable long accountId, @PathVariable long tokenId) {
        visible(caller, accountId);
        if (!tokens.revoke(accountId, tokenId)) {
            throw new NotVisible("token " + tokenId);
        }
        return ResponseEntity.noContent().build();
    }

    private void visible(AccountView caller, long accountId) {
        Caller.requireSelfOrAdmin(caller, accountId, "account " + accountId);
        if (accounts.find(accountId).isEmpty()) {
            throw new NotVisible("account " + accountId);
        }
    }
}
