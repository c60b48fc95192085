package org.atoll.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** The per-account send allowance on a clock the test moves: each limit, its refill, and what a refusal takes. */
class SendRateTest {

    /** A clock that stands still until the test moves it. */
    static final class TestClock extends Clock {

        Instant now = Instant.parse("2026-12-04T09:00:00Z");

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    final TestClock clock = new TestClock();

    static MailProperties properties(int messagesPerMinute, int recipientsPerHour) {
        MapConfigurationPropertySource source = new MapConfigurationPropertySource();
        source.put("atoll.mail.send-limits.messages-per-minute", messagesPerMinute);
        source.put("atoll.mail.send-limits.recipients-per-hour", recipientsPerHour);
        return new Binder(source).bindOrCreate("atoll.mail", MailProperties.class);
    }

    @Test
    void defaultsShouldBeThirtyMessagesAMinuteAndAThousandRecipientsAnHour() {
        MailProperties defaults =
                new Binder(new MapConfigurationPropertySource()).bindOrCreate("atoll.mail", MailProperties.class);

        assertThat(defaults.sendLimits()).isEqualTo(new MailProperties.SendLimits(30, 1000));
    }

    @Test
    void messagesBeyondThePerMinuteLimitShouldBeRefusedUntilTheAllowanceRefills() {
        SendRate rate = new SendRate(properties(3, 0), clock);

        for (int i = 0; i < 3; i++) {
            rate.take(1, 1);
        }
        assertThatThrownBy(() -> rate.take(1, 1)).isInstanceOf(SendQuotaExceeded.class);

        clock.advance(Duration.ofSeconds(20));
        rate.take(1, 1);
        assertThatThrownBy(() -> rate.take(1, 1)).isInstanceOf(SendQuotaExceeded.class);
    }

    @Test
    void recipientsBeyondThePerHourLimitShouldBeRefusedAndTakeNoMessageFromTheAllowance() {
        SendRate rate = new SendRate(properties(2, 10), clock);

        rate.take(1, 8);
        assertThatThrownBy(() -> rate.take(1, 3)).isInstanceOf(SendQuotaExceeded.class);
        rate.take(1, 2);
        assertThatThrownBy(() -> rate.take(1, 1)).isInstanceOf(SendQuotaExceeded.class);

        clock.advance(Duration.ofMinutes(6));
        rate.take(1, 1);
        assertThatThrownBy(() -> rate.take(1, 1)).isInstanceOf(SendQuotaExceeded.class);
    }

    @Test
    void oneMessageToMoreRecipientsThanTheHourAllowsShouldAlwaysBeRefused() {
        SendRate rate = new SendRate(properties(0, 5), clock);

        assertThatThrownBy(() -> rate.take(1, 6)).isInstanceOf(SendQuotaExceeded.class);
        rate.take(1, 5);
    }

    @Test
    void eachAccountShouldHaveItsOwnAllowance() {
        SendRate rate = new SendRate(properties(1, 0), clock);

        rate.take(1, 1);
        rate.take(2, 1);

        assertThatThrownBy(() -> rate.take(1, 1)).isInstanceOf(SendQuotaExceeded.class);
    }

    @Test
    void whatAFailedSubmissionTookShouldBeGivenBack() {
        SendRate rate = new SendRate(properties(1, 3), clock);

        rate.take(1, 3);
        rate.giveBack(1, 3);

        rate.take(1, 3);
    }

    @Test
    void zeroShouldMeanNoLimit() {
        SendRate rate = new SendRate(properties(0, 0), clock);

        for (int i = 0; i < 1000; i++) {
            rate.take(1, 100);
        }
    }
}
