package org.atoll.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.validation.constraints.NotNull;
import java.time.Instant;
import org.atoll.account.AccountView;
import org.atoll.account.ApiTokens;
import org.atoll.account.DirectoryDetails;
import org.atoll.account.Role;
import org.jspecify.annotations.Nullable;

/** What the accounts and tokens resources read and write. */
final class AccountDtos {

    private AccountDtos() {}

    record AccountDto(
            long id,
            String address,
            String displayName,
            Role role,
            boolean enabled,
            boolean easEnabled,
            @Nullable Long quotaBytes,
            @Nullable Long mobilePolicyId,
            Instant createdAt,
            boolean hiddenFromDirectory,
            DirectoryDetailsDto directoryDetails) {

        static AccountDto of(AccountView account, @Nullable Long mobilePolicyId) {
            return new AccountDto(
                    account.id(),
                    account.address(),
                    account.displayName(),
                    account.role(),
                    account.enabled(),
                    account.easEnabled(),
                    account.quotaBytes(),
                    mobilePolicyId,
                    account.createdAt(),
                    account.hiddenFromDirectory(),
                    DirectoryDetailsDto.of(account.details()));
        }
    }

    /** What the directory shows besides name and address; an unset detail is absent from the JSON. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record DirectoryDetailsDto(
            @Nullable String firstName,
            @Nullable String lastName,
            @Nullable String company,
            @Nullable String title,
            @Nullable String office,
            @Nullable String phone,
            @Nullable String mobilePhone) {

        static DirectoryDetailsDto of(DirectoryDetails details) {
            return new DirectoryDetailsDto(
                    details.firstName(),
                    details.lastName(),
                    details.company(),
                    details.title(),
                    details.office(),
                    details.phone(),
                    details.mobilePhone());
        }

        DirectoryDetails details() {
            return new DirectoryDetails(firstName, lastName, company, title, office, phone, mobilePhone);
        }
    }

    record CreateAccount(
            @NotNull String address,
            @Nullable String displayName,
            @NotNull String password,
            @Nullable Role role,
            @Nullable Long quotaBytes,
            @Nullable Long mobilePolicyId) {}

    /**
     * Every writable setting; an absent quota or policy means none (the default policy), an absent
     * hiddenFromDirectory that the account is listed, absent directoryDetails none.
     */
    record UpdateAccount(
            @NotNull String displayName,
            @NotNull Role role,
            @NotNull Boolean enabled,
            @NotNull Boolean easEnabled,
            @Nullable Long quotaBytes,
            @Nullable Long mobilePolicyId,
            @Nullable Boolean hiddenFromDirectory,
            @Nullable DirectoryDetailsDto directoryDetails) {}

    record ResetPassword(@NotNull String password) {}

    record TokenDto(
            long id,
            String name,
            Instant createdAt,
            @Nullable Instant lastUsedAt,
            @Nullable Instant expiresAt) {

        static TokenDto of(ApiTokens.ApiTokenView token) {
            return new TokenDto(token.id(), token.name(), token.createdAt(), token.lastUsedAt(), token.expiresAt());
        }
    }

    /** @param expiresInDays days until the token expires; none means it lives until revoked */
    record CreateToken(@NotNull String name, @Nullable Integer expiresInDays) {}

    /** A token just created, with its secret, shown this once. */
    record IssuedTokenDto(
            long id,
            String name,
            Instant createdAt,
            @Nullable Instant expiresAt,
            String token) {}
}
