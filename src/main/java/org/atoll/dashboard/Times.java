package org.atoll.dashboard;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/** Times as the pages show them: relative ("5 minutes ago") with the exact UTC time beside, for a hover. */
@Component("times")
class Times {

    private static final DateTimeFormatter EXACT =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

    private final Clock clock;

    Times(Clock clock) {
        this.clock = clock;
    }

    public String exact(@Nullable Instant at) {
        return at == null ? "" : EXACT.format(at);
    }

    /** ISO-8601, for a {@code <time datetime>} attribute. */
    public String iso(@Nullable Instant at) {
        return at == null ? "" : at.toString();
    }

    public String ago(@Nullable Instant at) {
        if (at == null) {
            return "never";
        }
        Duration age = Duration.between(at, clock.instant());
        boolean future = age.isNegative();
        age = age.abs();
        String amount;
        if (age.toSeconds() < 45) {
            return future ? "in a moment" : "just now";
        } else if (age.toMinutes() < 60) {
            amount = plural(Math.max(1, age.toMinutes()), "minute");
        } else if (age.toHours() < 24) {
            amount = plural(age.toHours(), "hour");
        } else if (age.toDays() < 60) {
            amount = plural((age.toHours() + 12) / 24, "day");
        } else {
            amount = plural(age.toDays() / 30, "month");
        }
        return future ? "in " + amount : amount + " ago";
    }

    /** How often something repeats, in words: "every second", "every 15 seconds", "every 2 minutes". */
    public String every(long seconds) {
        if (seconds <= 1) {
            return "every second";
        }
        if (seconds % 3600 == 0) {
            return seconds == 3600 ? "every hour" : "every " + plural(seconds / 3600, "hour");
        }
        if (seconds % 60 == 0) {
            return seconds == 60 ? "every minute" : "every " + plural(seconds / 60, "minute");
        }
        return "every " + plural(seconds, "second");
    }

    private static String plural(long n, String unit) {
        return n + " " + unit + (n == 1 ? "" : "s");
    }
}
