package org.atoll.support;

import java.util.UUID;
import org.atoll.account.AccountView;
import org.atoll.account.Accounts;
import org.atoll.account.NewAccount;

/** Opens accounts with addresses no other test uses. */
public final class TestAccounts {

    private TestAccounts() {}

    public static String uniqueAddress(String name) {
        return name + "-" + UUID.randomUUID().toString().substring(0, 8) + "@atoll.test";
    }

    public static AccountView open(Accounts accounts, String name) {
        return accounts.create(NewAccount.user(uniqueAddress(name), "correct horse battery"));
    }
}
