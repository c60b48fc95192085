package org.atoll.api;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.time.Instant;
import org.atoll.account.AccountView;
import org.atoll.account.Accounts;
import org.atoll.mail.OofReply;
import org.atoll.mail.OofSettings;
import org.atoll.mail.OofState;
import org.atoll.mail.OutOfOffice;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * An account's Out of Office settings, the same devices read and set (ActiveSync Settings Oof): the caller's own, or
 * for an administrator any account's.
 */
@RestController
@RequestMapping("/api/v1/accounts/{accountId}/out-of-office")
class OutOfOfficeController {

    private final OutOfOffice outOfOffice;
    private final Accounts accounts;

    OutOfOfficeController(OutOfOffice outOfOffice, Accounts accounts) {
        this.outOfOffice = outOfOffice;
        this.accounts = accounts;
    }

    record ReplyDto(
            @NotNull Boolean enabled,
            @NotNull String message,
            @NotNull Boolean html) {

        static ReplyDto of(OofReply reply) {
            return new ReplyDto(reply.enabled(), reply.message(), reply.html());
        }

        OofReply reply() {
            return new OofReply(enabled, message, html);
        }
    }

    record OutOfOfficeDto(
            @NotNull OofState state,
            @Nullable Instant start,
            @Nullable Instant end,
            @NotNull @Valid ReplyDto internal,
            @NotNull @Valid ReplyDto externalKnown,
            @NotNull @Valid ReplyDto externalUnknown) {

        static OutOfOfficeDto of(OofSettings settings) {
            return new OutOfOfficeDto(
                    settings.state(),
                    settings.start(),
                    settings.end(),
                    ReplyDto.of(settings.internal()),
                    ReplyDto.of(settings.externalKnown()),
                    ReplyDto.of(settings.externalUnknown()));
        }

        OofSettings settings() {
            return new OofSettings(state, start, end, internal.reply(), externalKnown.reply(), externalUnknown.reply());
        }
    }

    @GetMapping
    OutOfOfficeDto get(@AuthenticationPrincipal AccountView caller, @PathVariable long accountId) {
        visible(caller, accountId);
        return OutOfOfficeDto.of(outOfOffice.settings(accountId));
    }

    @PutMapping
    OutOfOfficeDto set(
            @AuthenticationPrincipal AccountView caller,
            @PathVariable long accountId,
            @Valid @RequestBody OutOfOfficeDto body) {
        visible(caller, accountId);
        outOfOffice.set(accountId, body.settings());
        return OutOfOfficeDto.of(outOfOffice.settings(accountId));
    }

    private void visible(AccountView caller, long accountId) {
        Caller.requireSelfOrAdmin(caller, accountId, "account " + accountId);
        if (caller.id() != accountId && accounts.find(accountId).isEmpty()) {
            throw new NotVisible("account " + accountId);
        }
    }
}
