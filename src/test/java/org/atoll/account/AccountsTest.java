package org.atoll.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.atoll.support.AtollTest;
import org.atoll.support.TestAccounts;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

@AtollTest
class AccountsTest {

    @Autowired
    Accounts accounts;

    @Autowired
    SignIn signIn;

    @Autowired
    JdbcClient jdbc;

    @Test
    void addressShouldBeOneIdentityWhateverItsCase() {
        String address = TestAccounts.uniqueAddress("Mixed");
        AccountView created = accounts.create(NewAccount.user(address.toUpperCase(), "correct horse battery"));

        assertThat(created.address()).isEqualTo(address.toLowerCase());
        assertThat(created.displayName())
                .isEqualTo(address.substring(0, address.indexOf('@')).toLowerCase());
        assertThat(accounts.findByAddress(" " + address + " ")).contains(created);
        assertThatThrownBy(() -> accounts.create(NewAccount.user(address, "another password")))
                .isInstanceOf(AddressTaken.class);
    }

    @Test
    void idOfShouldFindTheAccountWhateverTheAddressCaseAndNothingForAnUnknownOne() {
        AccountView created =
                accounts.create(NewAccount.user(TestAccounts.uniqueAddress("idof"), "correct horse battery"));

        assertThat(accounts.idOf(" " + created.address().toUpperCase() + " ")).contains(created.id());
        assertThat(accounts.idOf(TestAccounts.uniqueAddress("nobody"))).isEmpty();
    }

    @Test
    void passwordShouldBeStoredAsADelegatingHashOnly() {
        String address = TestAccounts.uniqueAddress("hash");
        accounts.create(NewAccount.user(address, "correct horse battery"));

        String hash = jdbc.sql("SELECT password_hash FROM account WHERE address = ?")
                .param(address)
                .query(String.class)
                .single();
        assertThat(hash).startsWith("{argon2}").doesNotContain("correct horse battery");
        assertThat(signIn.signIn(address, "correct horse battery", "test")).isInstanceOf(SignIn.Accepted.class);
    }

    @Test
    void changedPasswordShouldReplaceTheOldOne() {
        AccountView account = TestAccounts.open(accounts, "rotate");
        accounts.changePassword(account.id(), "a brand new secret");

        assertThat(signIn.signIn(account.address(), "a brand new secret", "test"))
                .isInstanceOf(SignIn.Accepted.class);
        assertThat(signIn.signIn(account.address(), "correct horse battery", "test"))
                .isEqualTo(new SignIn.Refused(SignIn.Refusal.BAD_CREDENTIALS));
    }

    @Test
    void badInputShouldBeRefusedWithNothingCreated() {
        long before = accounts.count();
        assertThatThrownBy(() -> accounts.create(NewAccount.user("no-at-sign", "correct horse battery")))
                .isInstanceOf(InvalidAccountData.class);
        assertThatThrownBy(() -> accounts.create(NewAccount.user("a b@example.test", "correct horse battery")))
                .isInstanceOf(InvalidAccountData.class);
        assertThatThrownBy(() -> accounts.create(NewAccount.user(TestAccounts.uniqueAddress("short"), "short")))
                .isInstanceOf(InvalidAccountData.class);
        assertThatThrownBy(() -> accounts.create(new NewAccount(
                        TestAccounts.uniqueAddress("quota"), null, "correct horse battery", Role.USER, -1L)))
                .isInstanceOf(InvalidAccountData.class);
        assertThatThrownBy(() -> accounts.create(new NewAccount(
                        TestAccounts.uniqueAddress("ctl"), "bad\nname", "correct horse battery", Role.USER, null)))
                .isInstanceOf(InvalidAccountData.class);
        assertThat(accounts.count()).isEqualTo(before);
    }

    @Test
    void disablingShouldShowToSignIn() {
        AccountView account = TestAccounts.open(accounts, "disabled");
        accounts.setEnabled(account.id(), false);

        assertThat(signIn.signIn(account.address(), "correct horse battery", "test"))
                .isInstanceOf(SignIn.Disabled.class);
        assertThatThrownBy(() -> accounts.setEnabled(Long.MAX_VALUE, true)).isInstanceOf(AccountNotFound.class);
    }
}
