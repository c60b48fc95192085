package org.atoll.account;

import static org.assertj.core.api.Assertions.assertThat;

import org.atoll.support.AtollTest;
import org.atoll.support.TestAccounts;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

@AtollTest
class SignInTest {

    @Autowired
    Accounts accounts;

    @Autowired
    SignIn signIn;

    @Autowired
    JdbcClient jdbc;

    SignIn.Result attempt(String login, String password) {
        return signIn.signIn(login, password, "192.0.2.7");
    }

    @Test
    void rememberedPasswordShouldFailAtOnceWhenItIsChanged() {
        AccountView account = TestAccounts.open(accounts, "cached");
        assertThat(attempt(account.address(), "correct horse battery")).isInstanceOf(SignIn.Accepted.class);

        accounts.changePassword(account.id(), "the new secret!");

        assertThat(attempt(account.address(), "correct horse battery"))
                .isEqualTo(new SignIn.Refused(SignIn.Refusal.BAD_CREDENTIALS));
        assertThat(attempt(account.address(), "the new secret!")).isInstanceOf(SignIn.Accepted.class);
    }

    @Test
    void rememberedPasswordShouldFailAtOnceWhenTheAccountIsDisabled() {
        AccountView account = TestAccounts.open(accounts, "disabled");
        assertThat(attempt(account.address(), "correct horse battery")).isInstanceOf(SignIn.Accepted.class);

        accounts.setEnabled(account.id(), false);

        assertThat(attempt(account.address(), "correct horse battery")).isInstanceOf(SignIn.Disabled.class);
    }

    @Test
    void windowsStyleLoginShouldFindTheAccountInTheServersDomain() {
        String local = "win-" + System.nanoTime();
        AccountView account = accounts.create(NewAccount.user(local + "@example.test", "correct horse battery"));

        assertThat(attempt("CORP\\" + local, "correct horse battery")).isEqualTo(new SignIn.Accepted(account));
        assertThat(attempt("CORP\\" + local + "@example.test", "correct horse battery"))
                .isEqualTo(new SignIn.Accepted(account));
    }

    @Test
    void repeatedFailuresShouldBackOffThatSourceOnlyAndASuccessElsewhereIsUnaffected() {
        AccountView account = TestAccounts.open(accounts, "guessed");
        for (int i = 0; i < 6; i++) {
            assertThat(attempt(account.address(), "wrong guess " + i))
                    .isEqualTo(new SignIn.Refused(SignIn.Refusal.BAD_CREDENTIALS));
        }

        assertThat(attempt(account.address(), "correct horse battery"))
                .isEqualTo(new SignIn.Refused(SignIn.Refusal.BACKING_OFF));
        assertThat(signIn.signIn(account.address(), "correct horse battery", "198.51.100.9"))
                .isInstanceOf(SignIn.Accepted.class);
    }

    @Test
    void bcryptHashShouldStillVerifyAndBeReplacedByArgon2AtTheNextSignIn() {
        AccountView account = TestAccounts.open(accounts, "bcrypt");
        String bcrypt = "{bcrypt}" + new BCryptPasswordEncoder().encode("correct horse battery");
        jdbc.sql("UPDATE account SET password_hash = ? WHERE id = ?")
                .params(bcrypt, account.id())
                .update();

        assertThat(attempt(account.address(), "wrong guess"))
                .isEqualTo(new SignIn.Refused(SignIn.Refusal.BAD_CREDENTIALS));
        assertThat(storedHash(account)).isEqualTo(bcrypt);
        assertThat(attempt(account.address(), "correct horse battery")).isInstanceOf(SignIn.Accepted.class);

        assertThat(storedHash(account)).startsWith("{argon2}");
        assertThat(attempt(account.address(), "correct horse battery")).isInstanceOf(SignIn.Accepted.class);
        assertThat(attempt(account.address(), "wrong guess"))
                .isEqualTo(new SignIn.Refused(SignIn.Refusal.BAD_CREDENTIALS));
    }

    String storedHash(AccountView account) {
        return jdbc.sql("SELECT password_hash FROM account WHERE id = ?")
                .param(account.id())
                .query(String.class)
                .single();
    }

    @Test
    void loginWithControlCharactersShouldBeRefusedWithoutALookUp() {
        AccountView account = TestAccounts.open(accounts, "control");

        assertThat(attempt(account.address() + "\u0000", "correct horse battery"))
                .isEqualTo(new SignIn.Refused(SignIn.Refusal.BAD_CREDENTIALS));
        assertThat(attempt(account.address() + "\r\nforged", "correct horse battery"))
                .isEqualTo(new SignIn.Refused(SignIn.Refusal.BAD_CREDENTIALS));
        assertThat(attempt("x".repeat(513), "correct horse battery"))
                .isEqualTo(new SignIn.Refused(SignIn.Refusal.BAD_CREDENTIALS));
    }

    @Test
    void unknownLoginShouldBeRefusedLikeABadPassword() {
        assertThat(attempt(TestAccounts.uniqueAddress("nobody"), "whatever password"))
                .isEqualTo(new SignIn.Refused(SignIn.Refusal.BAD_CREDENTIALS));
    }
}
