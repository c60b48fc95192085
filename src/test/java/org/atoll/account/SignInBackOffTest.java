package org.atoll.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class SignInBackOffTest {

    static final class SettableClock extends Clock {
        Instant now = Instant.parse("2026-11-28T12:00:00Z");

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    final SettableClock clock = new SettableClock();
    final SignInBackOff backOff = new SignInBackOff(
            new SignInProperties(Duration.ofMinutes(5), 3, 5, Duration.ofSeconds(2), Duration.ofSeconds(30)), clock);

    @Test
    void delayShouldStartAfterTheFreeFailuresDoubleAndStopAtTheMaximum() {
        assertThat(backOff.failed("a@x.test", "src").pair()).isZero();
        assertThat(backOff.failed("a@x.test", "src").pair()).isZero();
        assertThat(backOff.failed("a@x.test", "src").pair()).isZero();
        assertThat(backOff.isOpen("a@x.test", "src")).isTrue();

        assertThat(backOff.failed("a@x.test", "src").pair()).isEqualTo(Duration.ofSeconds(2));
        assertThat(backOff.failed("a@x.test", "src").pair()).isEqualTo(Duration.ofSeconds(4));
        assertThat(backOff.failed("a@x.test", "src").pair()).isEqualTo(Duration.ofSeconds(8));
        for (int i = 0; i < 40; i++) {
            backOff.failed("a@x.test", "src");
        }
        assertThat(backOff.failed("a@x.test", "src").pair()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void backOffShouldExpireByItselfAndNeverLockForGood() {
        for (int i = 0; i < 10; i++) {
            backOff.failed("a@x.test", "src");
        }
        assertThat(backOff.isOpen("a@x.test", "src")).isFalse();

        clock.now = clock.now.plusSeconds(31);

        assertThat(backOff.isOpen("a@x.test", "src")).isTrue();
    }

    @Test
    void successShouldClearTheFailures() {
        for (int i = 0; i < 4; i++) {
            backOff.failed("a@x.test", "src");
        }
        backOff.succeeded("a@x.test", "src");

        assertThat(backOff.isOpen("a@x.test", "src")).isTrue();
        assertThat(backOff.failed("a@x.test", "src").pair()).isZero();
    }

    @Test
    void failuresOfAnyLoginsShouldBackOffTheSourceAfterItsFreeFailures() {
        for (int i = 0; i < 5; i++) {
            assertThat(backOff.failed("user" + i + "@x.test", "flood").source()).isZero();
        }
        assertThat(backOff.isOpen("flood")).isTrue();

        assertThat(backOff.failed("another@x.test", "flood").source()).isEqualTo(Duration.ofSeconds(2));
        assertThat(backOff.failed("flood")).isEqualTo(Duration.ofSeconds(4));

        assertThat(backOff.isOpen("flood")).isFalse();
        assertThat(backOff.isOpen("elsewhere")).isTrue();
        assertThat(backOff.isOpen("user1@x.test", "flood"))
                .as("each login is still below its own limit")
                .isTrue();
    }

    @Test
    void successShouldNotClearTheFailuresOfItsSourceAndTheyExpireByThemselves() {
        for (int i = 0; i < 7; i++) {
            backOff.failed("user" + i + "@x.test", "flood");
        }
        backOff.succeeded("attacker@x.test", "flood");

        assertThat(backOff.isOpen("flood")).isFalse();

        clock.now = clock.now.plusSeconds(31);

        assertThat(backOff.isOpen("flood")).isTrue();
    }
}
