package org.atoll.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.atoll.support.AtollTest;
import org.atoll.support.TestAccounts;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.crypto.password.PasswordEncoder;

@AtollTest
class AccountsTest {

    @Autowired
    Accounts accounts;

    @Autowired
    Credentials credentials;

    @Autowired
    PasswordEncoder passwordEncoder;

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
    void passwordShouldBeStoredAsADelegatingHashOnly() {
        String address = TestAccounts.uniqueAddress("hash");
        accounts.create(NewAccount.user(address, "correct horse battery"));

        String hash = credentials.forSignIn(address).orElseThrow().passwordHash();
        assertThat(hash).startsWith("{bcrypt}").doesNotContain("correct horse battery");
        assertThat(passwordEncoder.matches("correct horse battery", hash)).isTrue();
        assertThat(credentials.forSignIn(address).orElseThrow().toString()).doesNotContain(hash);
    }

    @Test
    void changedPasswordShouldReplaceTheOldOne() {
        AccountView account = TestAccounts.open(accounts, "rotate");
        accounts.changePassword(account.id(), "a brand new secret");

        String hash = credentials.forSignIn(account.address()).orElseThrow().passwordHash();
        assertThat(passwordEncoder.matches("a brand new secret", hash)).isTrue();
        assertThat(passwordEncoder.matches("correct horse battery", hash)).isFalse();
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

        assertThat(credentials.forSignIn(account.address()).orElseThrow().enabled())
                .isFalse();
        assertThatThrownBy(() -> accounts.setEnabled(Long.MAX_VALUE, true)).isInstanceOf(AccountNotFound.class);
    }
}
