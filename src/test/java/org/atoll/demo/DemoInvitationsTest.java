package org.atoll.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.atoll.calendar.ICalendars;
import org.atoll.calendar.ItipMethod;
import org.atoll.calendar.MeetingMessages;
import org.atoll.mime.MimeBodies;
import org.junit.jupiter.api.Test;

class DemoInvitationsTest {

    @Test
    void eachInvitationShouldBeAnImipRequestToTheDemoUserFromItsSender() throws Exception {
        Instant now = Instant.parse("2026-12-04T10:00:00Z");

        var messages = DemoInvitations.messages("demo@atoll.test", now);

        assertThat(messages).hasSize(DemoInvitations.SIZE);
        for (byte[] raw : messages) {
            String ics = MimeBodies.calendar(raw).orElseThrow();
            assertThat(MeetingMessages.messageClass(ics)).isEqualTo(MeetingMessages.REQUEST);
            var itip = ICalendars.parseItip(ics, "demo@atoll.test");
            assertThat(itip.method()).isEqualTo(ItipMethod.REQUEST);
            assertThat(itip.attendees()).extracting(a -> a.address()).containsExactly("demo@atoll.test");
            assertThat(new String(raw, StandardCharsets.UTF_8))
                    .contains("From: ")
                    .contains(itip.organizerAddress());
            assertThat(itip.event().start()).isAfter(now);
        }
    }
}
