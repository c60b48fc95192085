package org.atoll.account;

import org.jspecify.annotations.Nullable;

/**
 * What it takes to open an account.
 *
 * @param address the sign-in and mail address; compared without regard to case
 * @param displayName shown to other people; defaults to the address's local part when blank
 * @param password the plain password, hashed before it is stored
 * @param quotaBytes the mailbox size limit, or null for none
 */
public record NewAccount(
        String address,
        @Nullable String displayName,
        String password,
        Role role,
        @Nullable Long quotaBytes) {

    public static NewAccount user(String address, String password) {
        return new NewAccount(address, null, password, Role.USER, null);
    }
}
