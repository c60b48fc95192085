package org.atoll.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class TimesTest {

    static final Instant NOW = Instant.parse("2026-12-04T12:00:00Z");

    final Times times = new Times(Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void refreshIntervalShouldReadAsWordsInTheSingularForOne() {
        assertThat(times.every(1)).isEqualTo("every second");
        assertThat(times.every(15)).isEqualTo("every 15 seconds");
        assertThat(times.every(60)).isEqualTo("every minute");
        assertThat(times.every(90)).isEqualTo("every 90 seconds");
        assertThat(times.every(120)).isEqualTo("every 2 minutes");
        assertThat(times.every(3600)).isEqualTo("every hour");
    }

    @Test
    void agesShouldBeRelativeWithTheExactTimeApart() {
        assertThat(times.ago(NOW.minusSeconds(10))).isEqualTo("just now");
        assertThat(times.ago(NOW.minusSeconds(60))).isEqualTo("1 minute ago");
        assertThat(times.ago(NOW.minusSeconds(7200))).isEqualTo("2 hours ago");
        assertThat(times.ago(NOW.plusSeconds(86_400))).isEqualTo("in 1 day");
        assertThat(times.ago(NOW.plus(Duration.ofDays(30).minusSeconds(5)))).isEqualTo("in 30 days");
        assertThat(times.exact(NOW)).isEqualTo("2026-12-04 12:00:00 UTC");
    }
}
