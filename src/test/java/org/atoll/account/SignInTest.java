package org.atoll.account;

import static org.assertj.core.api.Assertions.assertThat;

import org.atoll.support.AtollTest;
import org.atoll.support.TestAccounts;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

@AtollTest
class SignInTest {

    @Autowired
    Accounts accounts;

    @Autowired
    SignIn signIn;

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
    void unknownLoginShouldBeRefusedLikeABadPassword() {
        assertThat(attempt(TestAccounts.uniqueAddress("nobody"), "whatever password"))
                .isEqualTo(new SignIn.Refused(SignIn.Refusal.BAD_CREDENTIALS));
    }
}
