package org.atoll.api;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import java.net.URI;
import org.atoll.account.AccountUpdate;
import org.atoll.account.AccountView;
import org.atoll.account.Accounts;
import org.atoll.account.DirectoryDetails;
import org.atoll.account.NewAccount;
import org.atoll.account.Role;
import org.atoll.api.AccountDtos.AccountDto;
import org.atoll.api.AccountDtos.CreateAccount;
import org.atoll.api.AccountDtos.ResetPassword;
import org.atoll.api.AccountDtos.UpdateAccount;
import org.atoll.device.MobilePolicies;
import org.atoll.shared.Actor;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Accounts, for administrators (the security chain refuses users). */
@RestController
@RequestMapping("/api/v1/accounts")
class AccountsController {

    private final Accounts accounts;
    private final MobilePolicies policies;

    AccountsController(Accounts accounts, MobilePolicies policies) {
        this.accounts = accounts;
        this.policies = policies;
    }

    @GetMapping
    Pages<AccountDto> list(
            @RequestParam(required = false) @Nullable String q,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "50") int size) {
        QueryValues.requireReachable(page, size);
        return Pages.of(accounts.list(q, page, size), this::dto);
    }

    /** The account and its policy assignment are one transaction: a refused policy opens no account. */
    @PostMapping
    @Transactional
    ResponseEntity<AccountDto> create(
            @AuthenticationPrincipal AccountView caller,
            @Valid @RequestBody CreateAccount body,
            HttpServletRequest http) {
        Actor actor = Caller.actor(caller, http);
        AccountView created = accounts.create(
                new NewAccount(
                        body.address(),
                        body.displayName(),
                        body.password(),
                        body.role() == null ? Role.USER : body.role(),
                        body.quotaBytes()),
                actor);
        if (body.mobilePolicyId() != null) {
            policies.assign(created.id(), body.mobilePolicyId(), actor);
        }
        return ResponseEntity.created(URI.create("/api/v1/accounts/" + created.id()))
                .body(dto(created));
    }

    @GetMapping("/{accountId}")
    AccountDto read(@PathVariable long accountId) {
        return dto(accounts.find(accountId).orElseThrow(() -> new NotVisible("account " + accountId)));
    }

    @PutMapping("/{accountId}")
    @Transactional
    AccountDto update(
            @AuthenticationPrincipal AccountView caller,
            @PathVariable long accountId,
            @Valid @RequestBody UpdateAccount body,
            HttpServletRequest http) {
        Actor actor = Caller.actor(caller, http);
        AccountView updated = accounts.update(
                accountId,
                new AccountUpdate(
                        body.displayName(), body.role(), body.enabled(), body.easEnabled(), body.quotaBytes()),
                actor);
        policies.assign(accountId, body.mobilePolicyId(), actor);
        accounts.setDirectoryDetails(
                accountId,
                body.directoryDetails() == null
                        ? DirectoryDetails.NONE
                        : body.directoryDetails().details(),
                actor);
        return dto(
                accounts.setHiddenFromDirectory(updated.id(), Boolean.TRUE.equals(body.hiddenFromDirectory()), actor));
    }

    @PostMapping("/{accountId}/password")
    ResponseEntity<Void> resetPassword(
            @AuthenticationPrincipal AccountView caller,
            @PathVariable long accountId,
            @Valid @RequestBody ResetPassword body,
            HttpServletRequest http) {
        accounts.resetPassword(accountId, body.password(), Caller.actor(caller, http));
        return ResponseEntity.noContent().build();
    }

    @DeleteMapping("/{accountId}")
    ResponseEntity<Void> delete(
            @AuthenticationPrincipal AccountView caller,
            @PathVariable long accountId,
            @RequestParam(required = false) @Nullable String confirm,
            HttpServletRequest http) {
        accounts.delete(accountId, confirm, Caller.actor(caller, http));
        return ResponseEntity.noContent().build();
    }

    private AccountDto dto(AccountView account) {
        return AccountDto.of(account, policies.assigned(account.id()).orElse(null));
    }
}
