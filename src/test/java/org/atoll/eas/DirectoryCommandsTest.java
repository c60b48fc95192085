package org.atoll.eas;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.atoll.account.AccountView;
import org.atoll.account.Accounts;
import org.atoll.account.DirectoryDetails;
import org.atoll.account.NewAccount;
import org.atoll.account.Role;
import org.atoll.calendar.BusyStatus;
import org.atoll.calendar.CalendarEvent;
import org.atoll.calendar.EventException;
import org.atoll.calendar.Recurrence;
import org.atoll.calendar.RecurrenceType;
import org.atoll.mailbox.Calendars;
import org.atoll.mailbox.EventContent;
import org.atoll.shared.Actor;
import org.atoll.support.AtollTest;
import org.atoll.support.EasDevice;
import org.atoll.wbxml.CodePage;
import org.atoll.wbxml.WbxmlElement;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The directory as a phone's address field and its "search the company directory" see it: Search of the GAL (MS-ASCMD
 * 2.2.1.16) and ResolveRecipients (MS-ASCMD 2.2.1.15), over real HTTP and WBXML.
 */
@AtollTest
class DirectoryCommandsTest {

    private static final CodePage S = CodePage.SEARCH;
    private static final CodePage GAL = CodePage.GAL;
    private static final CodePage R = CodePage.RESOLVE_RECIPIENTS;

    @LocalServerPort
    int port;

    @Autowired
    Accounts accounts;

    @Autowired
    Calendars calendars;

    /** A surname no other test uses, so that each test's directory matches are its own. */
    String family;

    AccountView ana;
    AccountView anabel;
    AccountView bruno;
    AccountView departed;
    AccountView hidden;
    EasDevice phone;

    @BeforeEach
    void colleagues() throws Exception {
        family = "zq" + UUID.randomUUID().toString().substring(0, 8);
        ana = person("Ana " + family, "ana." + family);
        anabel = person("Anabel " + family, "anabel." + family);
        bruno = person("Bruno " + family, "bruno." + family);
        departed = person("Ana Departed " + family, "departed." + family);
        accounts.setEnabled(departed.id(), false);
        hidden = person("Ana Hidden " + family, "hidden." + family);
        accounts.setHiddenFromDirectory(hidden.id(), true, Actor.SYSTEM);
        phone = new EasDevice(port, bruno.address(), "correct horse battery", "DirectoryPhone").provision();
    }

    AccountView person(String name, String local) {
        return accounts.create(new NewAccount(local + "@atoll.test", name, "correct horse battery", Role.USER, null));
    }

    @Nested
    class SearchOfTheGal {

        WbxmlElement search(String query, String range) throws Exception {
            WbxmlElement options = WbxmlElement.of(S, "Options").add("Range", range);
            return phone.send(
                    "Search",
                    WbxmlElement.of(S, "Search")
                            .add(WbxmlElement.of(S, "Store")
                                    .add("Name", "GAL")
                                    .add("Query", query)
                                    .add(options)));
        }

        WbxmlElement store(WbxmlElement response) {
            assertThat(response.text("Status")).hasValue("1");
            return response.child(S, "Response").orElseThrow().child(S, "Store").orElseThrow();
        }

        List<String> addresses(WbxmlElement store) {
            return store.children(S, "Result").stream()
                    .map(result -> result.child(S, "Properties")
                            .orElseThrow()
                            .text(GAL, "EmailAddress")
                            .orElseThrow())
                    .toList();
        }

        @Test
        void wordOfTheNameShouldFindEveryEnabledColleagueButNoDisabledOrHiddenOne() throws Exception {
            WbxmlElement store = store(search(family, "0-99"));

            assertThat(store.text("Status")).hasValue("1");
            assertThat(addresses(store)).containsExactly(ana.address(), anabel.address(), bruno.address());
            assertThat(store.text("Total")).hasValue("3");
            assertThat(store.text("Range")).hasValue("0-2");
            WbxmlElement first = store.children(S, "Result")
                    .getFirst()
                    .child(S, "Properties")
                    .orElseThrow();
            assertThat(first.text(GAL, "DisplayName")).hasValue("Ana " + family);
            assertThat(first.text(GAL, "Alias")).hasValue("ana." + family);
        }

        @Test
        void detailsSetShouldComeBackAndUnsetOnesBeLeftOut_MsAscmd_2_2_3_139_3() throws Exception {
            accounts.setDirectoryDetails(
                    anabel.id(),
                    DirectoryDetails.of(
                            "Anabel", family, "Atoll Shipping", "Pilot", "Pier 2", "+1 555 0142", "+1 555 0143"),
                    Actor.SYSTEM);

            List<WbxmlElement> results = store(search(family, "0-99")).children(S, "Result");

            WbxmlElement plain = results.get(0).child(S, "Properties").orElseThrow();
            WbxmlElement detailed = results.get(1).child(S, "Properties").orElseThrow();
            assertThat(detailed.text(GAL, "EmailAddress")).hasValue(anabel.address());
            assertThat(detailed.text(GAL, "Phone")).hasValue("+1 555 0142");
            assertThat(detailed.text(GAL, "Office")).hasValue("Pier 2");
            assertThat(detailed.text(GAL, "Title")).hasValue("Pilot");
            assertThat(detailed.text(GAL, "Company")).hasValue("Atoll Shipping");
            assertThat(detailed.text(GAL, "FirstName")).hasValue("Anabel");
            assertThat(detailed.text(GAL, "LastName")).hasValue(family);
            assertThat(detailed.text(GAL, "MobilePhone")).hasValue("+1 555 0143");
            assertThat(detailed.child(GAL, "HomePhone")).isEmpty();
            assertThat(plain.children().stream().map(WbxmlElement::qualifiedName))
                    .containsExactly("GAL:DisplayName", "GAL:Alias", "GAL:EmailAddress");
        }

        @Test
        void rangeShouldPageThroughTheMatches_MsAscmd_2_2_3_143_3() throws Exception {
            WbxmlElement second = store(search(family, "1-1"));

            assertThat(addresses(second)).containsExactly(anabel.address());
            assertThat(second.text("Range")).hasValue("1-1");
            assertThat(second.text("Total")).hasValue("3");
        }

        @Test
        void startOfAnAddressShouldFindItsAccount() throws Exception {
            assertThat(addresses(store(search("anabel." + family, "0-9")))).containsExactly(anabel.address());
        }

        @Test
        void noMatchShouldAnswerTotalZero() throws Exception {
            WbxmlElement store = store(search("nobody" + family, "0-9"));

            assertThat(store.text("Status")).hasValue("1");
            assertThat(store.text("Total")).hasValue("0");
            assertThat(store.children(S, "Result")).isEmpty();
        }

        @Test
        void likeWildcardsShouldMatchOnlyThemselves() throws Exception {
            assertThat(store(search("%", "0-9")).text("Total")).hasValue("0");
            assertThat(store(search("_na " + family, "0-9")).text("Total")).hasValue("0");
        }

        @Test
        void badRangeOrAnotherStoreShouldGetStoreStatus2() throws Exception {
            assertThat(store(search(family, "9-1")).text("Status")).hasValue("2");
            assertThat(store(search(family, "x")).text("Status")).hasValue("2");
            WbxmlElement mailbox = phone.send(
                    "Search",
                    WbxmlElement.of(S, "Search")
                            .add(WbxmlElement.of(S, "Store")
                                    .add("Name", "DocumentLibrary")
                                    .add("Query", "x")));
            assertThat(store(mailbox).text("Status")).hasValue("2");
        }

        @Test
        void notASearchDocumentShouldGetStatus2() throws Exception {
            assertThat(phone.send("Search", WbxmlElement.of(R, "ResolveRecipients"))
                            .text("Status"))
                    .hasValue("2");
        }
    }

    @Nested
    class ResolveRecipients {

        WbxmlElement resolve(WbxmlElement options, String... recipients) throws Exception {
            WbxmlElement response = send(options, recipients);
            assertThat(response.text("Status")).hasValue("1");
            return response;
        }

        WbxmlElement send(WbxmlElement options, String... recipients) throws Exception {
            WbxmlElement request = WbxmlElement.of(R, "ResolveRecipients");
            for (String recipient : recipients) {
                request.add("To", recipient);
            }
            if (options != null) {
                request.add(options);
            }
            return phone.send("ResolveRecipients", request);
        }

        @Test
        void addressOrFullNameShouldResolveUniquelyAndASurnameAmbiguously() throws Exception {
            WbxmlElement answer = resolve(null, ana.address(), family, "Nobody " + family, "Anabel " + family);
            List<WbxmlElement> responses = answer.children(R, "Response");

            assertThat(responses).hasSize(4);
            assertThat(responses.get(0).text("To")).hasValue(ana.address());
            assertThat(responses.get(0).text("Status")).hasValue("1");
            assertThat(responses.get(0).text("RecipientCount")).hasValue("1");
            WbxmlElement recipient = responses.get(0).child(R, "Recipient").orElseThrow();
            assertThat(recipient.text("Type")).hasValue("1");
            assertThat(recipient.text("DisplayName")).hasValue("Ana " + family);
            assertThat(recipient.text("EmailAddress")).hasValue(ana.address());

            assertThat(responses.get(1).text("Status")).hasValue("2");
            assertThat(responses.get(1).children(R, "Recipient"))
                    .extracting(r -> r.text("EmailAddress").orElseThrow())
                    .containsExactly(ana.address(), anabel.address(), bruno.address());

            assertThat(responses.get(2).text("Status")).hasValue("4");
            assertThat(responses.get(2).text("RecipientCount")).hasValue("0");

            assertThat(responses.get(3).text("Status")).hasValue("1");
            assertThat(responses.get(3).child(R, "Recipient").orElseThrow().text("EmailAddress"))
                    .hasValue(anabel.address());
        }

        @Test
        void moreMatchesThanAskedForShouldBeListedInPartWithStatus3() throws Exception {
            WbxmlElement options = WbxmlElement.of(R, "Options").add("MaxAmbiguousRecipients", "1");

            WbxmlElement response =
                    resolve(options, family).child(R, "Response").orElseThrow();

            assertThat(response.text("Status")).hasValue("3");
            assertThat(response.children(R, "Recipient")).hasSize(1);
        }

        @Test
        void disabledAccountShouldNotResolve() throws Exception {
            WbxmlElement response =
                    resolve(null, departed.address()).child(R, "Response").orElseThrow();

            assertThat(response.text("Status")).hasValue("4");
        }

        @Test
        void accountHiddenFromTheDirectoryShouldNotResolveEvenByItsAddress() throws Exception {
            WbxmlElement response =
                    resolve(null, hidden.address()).child(R, "Response").orElseThrow();

            assertThat(response.text("Status")).hasValue("4");
        }

        @Test
        void availabilityShouldBeTheMergedFreeBusyOfTheRecipientsCalendar_MsAscmd_2_2_3_16() throws Exception {
            long calendar = calendars.defaultFolder(ana.id()).id();
            Instant monday = Instant.parse("2026-12-07T09:00:00Z");
            CalendarEvent standUp = CalendarEvent.of(
                            "stand-up@atoll.test", "Stand-up", monday, monday.plusSeconds(1800), ZoneOffset.UTC)
                    .withRecurrence(
                            new Recurrence(
                                    RecurrenceType.DAILY, 1, 5, null, null, java.util.Set.of(), null, null, null),
                            List.of(EventException.deleted(monday.plus(Duration.ofDays(1)))));
            Instant review = Instant.parse("2026-12-08T10:00:00Z");
            calendars.create(ana.id(), calendar, EventContent.of(standUp));
            calendars.create(
                    ana.id(),
                    calendar,
                    EventContent.of(CalendarEvent.of(
                                    "review@atoll.test", "Review", review, review.plusSeconds(3600), ZoneOffset.UTC)
                            .withBusyStatus(BusyStatus.TENTATIVE)));
            WbxmlElement options = WbxmlElement.of(R, "Options")
                    .add(WbxmlElement.of(R, "Availability")
                            .add("StartTime", "2026-12-07T09:00:00.000Z")
                            .add("EndTime", "2026-12-08T12:00:00.000Z"));

            WbxmlElement availability = resolve(options, ana.address())
                    .child(R, "Response")
                    .orElseThrow()
                    .child(R, "Recipient")
                    .orElseThrow()
                    .child(R, "Availability")
                    .orElseThrow();

            assertThat(availability.text("Status")).hasValue("1");
            String merged = availability.text("MergedFreeBusy").orElseThrow();
            assertThat(merged).hasSize(54);
            assertThat(merged.charAt(0)).as("Monday's stand-up").isEqualTo('2');
            assertThat(merged.charAt(1)).isEqualTo('0');
            assertThat(merged.charAt(48)).as("Tuesday's stand-up, deleted").isEqualTo('0');
            assertThat(merged.substring(50, 52)).as("the tentative review").isEqualTo("11");
        }

        @Test
        void certificatesShouldBeAnsweredAsUnavailableAndAnAvailabilityWithoutASpanRefused() throws Exception {
            WbxmlElement options = WbxmlElement.of(R, "Options").add("CertificateRetrieval", "2");

            WbxmlElement recipient = resolve(options, ana.address())
                    .child(R, "Response")
                    .orElseThrow()
                    .child(R, "Recipient")
                    .orElseThrow();

            assertThat(recipient.child(R, "Certificates").orElseThrow().text("Status"))
                    .hasValue("7");
            WbxmlElement backwards = WbxmlElement.of(R, "Options")
                    .add(WbxmlElement.of(R, "Availability")
                            .add("StartTime", "2026-12-04T17:00:00.000Z")
                            .add("EndTime", "2026-12-04T09:00:00.000Z"));
            assertThat(send(backwards, ana.address()).text("Status")).hasValue("5");
            WbxmlElement yearsLong = WbxmlElement.of(R, "Options")
                    .add(WbxmlElement.of(R, "Availability")
                            .add("StartTime", "2026-01-01T00:00:00.000Z")
                            .add("EndTime", "2029-01-01T00:00:00.000Z"));
            assertThat(send(yearsLong, ana.address()).text("Status")).hasValue("5");
        }

        @Test
        void noRecipientOrTooManyShouldGetStatus5() throws Exception {
            assertThat(phone.send("ResolveRecipients", WbxmlElement.of(R, "ResolveRecipients"))
                            .text("Status"))
                    .hasValue("5");
            WbxmlElement many = WbxmlElement.of(R, "ResolveRecipients");
            for (int i = 0; i < 101; i++) {
                many.add("To", "someone" + i);
            }
            assertThat(phone.send("ResolveRecipients", many).text("Status")).hasValue("5");
        }
    }
}
