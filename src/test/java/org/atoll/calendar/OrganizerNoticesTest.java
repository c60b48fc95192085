package org.atoll.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.atoll.calendar.OrganizerNotices.Notice;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** What an organizer's change owes the attendees (RFC 5546 2.1.4, 3.2.2, 3.2.5), decided without storage. */
class OrganizerNoticesTest {

    private static final String ME = "ana@atoll.test";
    private static final Instant START = Instant.parse("2027-03-01T09:00:00Z");

    private static CalendarEvent meeting(String... attendees) {
        return CalendarEvent.of("m-1", "Planning", START, START.plusSeconds(3600), ZoneOffset.UTC)
                .withAttendees(List.of(attendees).stream()
                        .map(a -> Attendee.required(a, null))
                        .toList())
                .withMeetingStatus(MeetingStatus.MEETING);
    }

    private static CalendarEvent organized(CalendarEvent event, CalendarEvent before) {
        return OrganizerNotices.asOrganized(event, before, ME, "Ana");
    }

    @Nested
    class Ownership {

        @Test
        void anEventNamingNoOrganizerOrTheAccountShouldBeTheAccounts() {
            assertThat(OrganizerNotices.ownedBy(meeting("ben@atoll.test"), ME)).isTrue();
            CalendarEvent mine = OrganizerNotices.asOrganized(meeting("ben@atoll.test"), null, ME, "Ana");
            assertThat(mine.organizerAddress()).isEqualTo(ME);
            assertThat(OrganizerNotices.ownedBy(mine, "ANA@atoll.test")).isTrue();
        }

        @Test
        void anEventNamingAnotherOrganizerOrReceivedShouldOweNothing() {
            CalendarEvent foreign = meeting("ben@atoll.test")
                    .withMeeting("cleo@atoll.test", null, List.of(Attendee.required("ben@atoll.test", null)));
            CalendarEvent received = meeting("ben@atoll.test").withMeetingStatus(MeetingStatus.RECEIVED);

            assertThat(OrganizerNotices.notices(null, foreign, ME)).isEmpty();
            assertThat(OrganizerNotices.notices(null, received, ME)).isEmpty();
            assertThat(OrganizerNotices.notices(received, null, ME)).isEmpty();
        }
    }

    @Nested
    class Notices {

        @Test
        void aNewMeetingShouldRequestEveryAttendeeButTheOrganizer() {
            CalendarEvent created =
                    OrganizerNotices.asOrganized(meeting("ben@atoll.test", ME, "rita@elsewhere.test"), null, ME, null);

            List<Notice> notices = OrganizerNotices.notices(null, created, ME);

            assertThat(notices).singleElement().satisfies(n -> {
                assertThat(n.method()).isEqualTo(ItipMethod.REQUEST);
                assertThat(n.recipients())
                        .extracting(Attendee::address)
                        .containsExactly("ben@atoll.test", "rita@elsewhere.test");
                assertThat(n.ics()).contains("METHOD:REQUEST").contains("ORGANIZER:mailto:" + ME);
            });
        }

        @Test
        void removingAnAttendeeShouldCancelForThemAndRequestTheRestWithTheNextSequence() {
            CalendarEvent before =
                    OrganizerNotices.asOrganized(meeting("ben@atoll.test", "cleo@atoll.test"), null, ME, null);
            CalendarEvent after = organized(meeting("ben@atoll.test"), before);

            List<Notice> notices = OrganizerNotices.notices(before, after, ME);

            assertThat(after.sequence()).isEqualTo(1);
            assertThat(notices).extracting(Notice::method).containsExactly(ItipMethod.CANCEL, ItipMethod.REQUEST);
            assertThat(notices.get(0).recipients())
                    .extracting(Attendee::address)
                    .containsExactly("cleo@atoll.test");
            assertThat(notices.get(1).recipients())
                    .extracting(Attendee::address)
                    .containsExactly("ben@atoll.test");
            assertThat(notices.get(1).ics()).contains("SEQUENCE:1");
        }

        @Test
        void aChangeOnlyTheOrganizerSeesShouldSendNothingAndKeepTheAnswers() {
            CalendarEvent before = OrganizerNotices.asOrganized(meeting("ben@atoll.test"), null, ME, null)
                    .withAttendees(List.of(
                            Attendee.required("ben@atoll.test", null).withStatus(ResponseStatus.ACCEPTED, START)));
            CalendarEvent after = organized(meeting("ben@atoll.test").withBusyStatus(BusyStatus.FREE), before);

            assertThat(OrganizerNotices.notices(before, after, ME)).isEmpty();
            assertThat(after.sequence()).isZero();
            assertThat(after.attendees()).extracting(Attendee::status).containsExactly(ResponseStatus.ACCEPTED);
        }

        @Test
        void cancellingOrDeletingShouldCancelForEveryoneOnce() {
            CalendarEvent before = OrganizerNotices.asOrganized(meeting("ben@atoll.test"), null, ME, null);
            CalendarEvent cancelled =
                    organized(meeting("ben@atoll.test").withMeetingStatus(MeetingStatus.CANCELED), before);

            assertThat(OrganizerNotices.notices(before, cancelled, ME))
                    .extracting(Notice::method)
                    .containsExactly(ItipMethod.CANCEL);
            assertThat(OrganizerNotices.notices(cancelled, null, ME))
                    .as("a cancelled meeting deleted afterwards owes nothing more")
                    .isEmpty();
            assertThat(OrganizerNotices.notices(before, null, ME))
                    .singleElement()
                    .satisfies(
                            n -> assertThat(n.ics()).contains("METHOD:CANCEL").contains("SEQUENCE:1"));
        }
    }
}
