package org.atoll.contacts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.time.LocalDate;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.atoll.wbxml.CodePage;
import org.atoll.wbxml.WbxmlDecoder;
import org.atoll.wbxml.WbxmlElement;
import org.atoll.wbxml.WbxmlEncoder;
import org.atoll.wbxml.WbxmlException;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ContactEasTest {

    static final CodePage AIRSYNC = CodePage.AIRSYNC;
    static final CodePage CONTACTS = CodePage.CONTACTS;

    /** The Sync response of MS-ASWBXML section 3 (Algorithm Examples), byte for byte as the spec prints it. */
    static final String SPEC_SYNC_RESPONSE = "03 01 6A 00 45 5C 4F 50 03 43 6F 6E 74 61 63 74 73 00 01 4B 03 32 00 01 "
            + "52 03 32 00 01 4E 03 31 00 01 56 47 4D 03 32 3A 31 00 01 5D 00 11 4A 46 03 31 00 01 4C 03 30 00 01 4D "
            + "03 31 00 01 01 00 01 5E 03 46 75 6E 6B 2C 20 44 6F 6E 00 01 5F 03 44 6F 6E 00 01 69 03 46 75 6E 6B 00 "
            + "01 00 11 56 03 31 00 01 01 01 01 01 01 01";

    @Nested
    class SpecExamples {

        @ParameterizedTest
        @ValueSource(ints = {121, 141, 161})
        void newContactShouldBeWrittenByteForByteAsInMsAswbxmlSection3(int version) {
            Contact don = Contact.builder()
                    .fileAs("Funk, Don")
                    .firstName("Don")
                    .lastName("Funk")
                    .build();

            WbxmlElement data = ContactEas.applicationData(don, version, 0L);

            byte[] expected = HexFormat.of().parseHex(SPEC_SYNC_RESPONSE.replace(" ", ""));
            assertThat(new WbxmlEncoder().encode(syncResponse(data))).isEqualTo(expected);
        }

        @Test
        void newContactOfMsAswbxmlSection3ShouldBeReadBack() throws Exception {
            byte[] spec = HexFormat.of().parseHex(SPEC_SYNC_RESPONSE.replace(" ", ""));
            WbxmlElement data = applicationData(new WbxmlDecoder().decode(spec));

            assertThat(ContactEas.read(data, 141))
                    .isEqualTo(Contact.builder()
                            .fileAs("Funk, Don")
                            .firstName("Don")
                            .lastName("Funk")
                            .build());
        }

        /** The independent libwbxml vector of a client's Add (shared test data, contact-add). */
        @Test
        void clientAddEncodedByLibwbxmlShouldBeRead() throws Exception {
            WbxmlElement data = applicationData(new WbxmlDecoder().decode(vector("contact-add.wbxml")));

            assertThat(ContactEas.read(data, 141))
                    .isEqualTo(Contact.builder()
                            .firstName("José")
                            .lastName("Núñez")
                            .emailAddresses(List.of("jose@example.test"))
                            .phone(PhoneKind.MOBILE, "+34 600 000 000")
                            .nickName("Pepe")
                            .build());
        }
    }

    @Nested
    class RoundTrip {

        @ParameterizedTest
        @ValueSource(ints = {121, 140, 141, 160, 161})
        void everyFieldShouldSurviveEncodeAndDecode(int version) throws Exception {
            for (Contact contact : Contacts.varied()) {
                WbxmlElement data = ContactEas.applicationData(contact, version, null);
                byte[] wire = new WbxmlEncoder().encode(data);

                assertThat(ContactEas.read(new WbxmlDecoder().decode(wire), version))
                        .isEqualTo(contact);
            }
        }

        @Test
        void dateShouldBeWrittenAtElevenFiftyNineUtcAsMsAscntc2226Suggests() {
            Contact contact =
                    Contact.builder().birthday(LocalDate.of(1980, 5, 12)).build();

            assertThat(ContactEas.applicationData(contact, 141, null).text(CONTACTS, "Birthday"))
                    .contains("1980-05-12T11:59:00.000Z");
        }

        @ParameterizedTest
        @ValueSource(strings = {"1980-05-11T22:00:00.000Z", "1980-05-12T11:59:00.000Z", "1980-05-12T05:00:00Z"})
        void birthdayShouldBeTheDayTheClientMeantWhateverItsTimeZone(String sent) throws Exception {
            WbxmlElement data = WbxmlElement.of(AIRSYNC, "ApplicationData").add(CONTACTS, "Birthday", sent);

            assertThat(ContactEas.read(data, 161).birthday()).isEqualTo(LocalDate.of(1980, 5, 12));
        }

        @Test
        void notesShouldBeTruncatedBetweenCharactersToTheDevicesSize() {
            Contact contact = Contact.builder().body("Grüße").build();

            WbxmlElement body = ContactEas.applicationData(contact, 141, 3L)
                    .child(CodePage.AIRSYNCBASE, "Body")
                    .orElseThrow();

            assertThat(body.text("EstimatedDataSize")).contains("7");
            assertThat(body.text("Truncated")).contains("1");
            assertThat(body.text("Data")).contains("Gr");
        }

        @Test
        void pictureOverTheLimitShouldBeLeftOutOfWhatADeviceGets() {
            byte[] large = new byte[ContactEas.MAX_PICTURE_BASE64 / 4 * 3 + 1];
            Contact contact = Contact.builder()
                    .firstName("Big")
                    .picture(new ContactPicture.Inline(large))
                    .build();

            assertThat(ContactEas.applicationData(contact, 141, null).child(CONTACTS, "Picture"))
                    .isEmpty();
        }
    }

    /** Each of these is Sync Status 6 for the item (MS-ASCMD 2.2.3.177.17). */
    @Nested
    class Malformed {

        @ParameterizedTest
        @ValueSource(strings = {"1980-05-12", "12/05/1980", "1980-05-12T00:00:00", "1980-05-12T00:00:00+02:00", "x"})
        void birthdayThatIsNoActiveSyncDateTimeShouldBeRefused(String sent) {
            WbxmlElement data = WbxmlElement.of(AIRSYNC, "ApplicationData").add(CONTACTS, "Birthday", sent);

            assertThatThrownBy(() -> ContactEas.read(data, 141))
                    .isInstanceOf(MalformedContact.class)
                    .hasMessageContaining("Birthday");
        }

        @Test
        void elementOfAnotherClassShouldBeRefused() {
            WbxmlElement data = WbxmlElement.of(AIRSYNC, "ApplicationData")
                    .add(CONTACTS, "FirstName", "Ann")
                    .add(CodePage.EMAIL, "Subject", "hello");

            assertThatThrownBy(() -> ContactEas.read(data, 141))
                    .isInstanceOf(MalformedContact.class)
                    .hasMessageContaining("Email:Subject");
        }

        /** MS-ASCNTC 2.2.2.7.2: contacts:Body is 2.5's; from 12.0 on the notes are airsyncbase:Body. */
        @Test
        void contactsBodyOfProtocolTwoFiveShouldBeRefused() {
            WbxmlElement data = WbxmlElement.of(AIRSYNC, "ApplicationData").add(CONTACTS, "Body", "notes");

            assertThatThrownBy(() -> ContactEas.read(data, 121)).isInstanceOf(MalformedContact.class);
        }

        @Test
        void recipientCacheRankShouldBeRefusedFromAClient() {
            WbxmlElement data = WbxmlElement.of(AIRSYNC, "ApplicationData").add(CONTACTS, "WeightedRank", "3");

            assertThatThrownBy(() -> ContactEas.read(data, 141)).isInstanceOf(MalformedContact.class);
        }

        @Test
        void elementGivenTwiceShouldBeRefused() {
            WbxmlElement data = WbxmlElement.of(AIRSYNC, "ApplicationData")
                    .add(CONTACTS, "FirstName", "Ann")
                    .add(CONTACTS, "FirstName", "Bea");

            assertThatThrownBy(() -> ContactEas.read(data, 141)).isInstanceOf(MalformedContact.class);
        }

        @Test
        void categoriesHoldingTextShouldBeRefused() {
            WbxmlElement data = WbxmlElement.of(AIRSYNC, "ApplicationData").add(CONTACTS, "Categories", "Friends");

            assertThatThrownBy(() -> ContactEas.read(data, 141)).isInstanceOf(MalformedContact.class);
        }

        /** MS-ASCNTC 2.2.2.58: 48 KB of base64 is taken, one character more is Status 6. */
        @Test
        void pictureAtTheLimitShouldBeTakenAndOneCharacterMoreRefused() throws Exception {
            String atLimit = "A".repeat(ContactEas.MAX_PICTURE_BASE64);
            WbxmlElement fits = WbxmlElement.of(AIRSYNC, "ApplicationData").add(CONTACTS, "Picture", atLimit);
            WbxmlElement over = WbxmlElement.of(AIRSYNC, "ApplicationData").add(CONTACTS, "Picture", atLimit + "AAAA");

            assertThat(ContactEas.read(fits, 141).picture())
                    .isEqualTo(new ContactPicture.Inline(Base64.getDecoder().decode(atLimit)));
            assertThatThrownBy(() -> ContactEas.read(over, 141))
                    .isInstanceOf(MalformedContact.class)
                    .hasMessageContaining("48 KB");
        }

        @Test
        void pictureThatIsNoBase64ShouldBeRefused() {
            WbxmlElement data = WbxmlElement.of(AIRSYNC, "ApplicationData").add(CONTACTS, "Picture", "not*base64");

            assertThatThrownBy(() -> ContactEas.read(data, 141)).isInstanceOf(MalformedContact.class);
        }
    }

    /** The reader is total: any tree of known tags gives a contact or MalformedContact, nothing else. */
    @Test
    void anyTreeShouldGiveAContactOrMalformedContact() {
        java.util.Random random = new java.util.Random(14);
        CodePage[] pages = {CONTACTS, CodePage.CONTACTS2, CodePage.AIRSYNCBASE, CodePage.TASKS};
        String[] texts = {"", "1", "2", "x", "1980-05-12T00:00:00.000Z", "AAAA", "2026-13-45T99:00:00.000Z"};
        for (int i = 0; i < 5000; i++) {
            WbxmlElement data = randomChildren(WbxmlElement.of(AIRSYNC, "ApplicationData"), random, pages, texts, 0);
            try {
                ContactEas.read(data, 141);
            } catch (MalformedContact expected) {
                assertThat(expected.getMessage()).isNotBlank();
            }
        }
    }

    static WbxmlElement randomChildren(
            WbxmlElement parent, java.util.Random random, CodePage[] pages, String[] texts, int depth) {
        int count = random.nextInt(4);
        for (int i = 0; i < count; i++) {
            CodePage page = pages[random.nextInt(pages.length)];
            List<String> names = List.copyOf(page.tags().values());
            String name = names.get(random.nextInt(names.size()));
            if (depth < 2 && random.nextInt(3) == 0) {
                parent.add(randomChildren(WbxmlElement.of(page, name), random, pages, texts, depth + 1));
            } else {
                parent.add(WbxmlElement.text(page, name, texts[random.nextInt(texts.length)]));
            }
        }
        return parent;
    }

    static WbxmlElement syncResponse(WbxmlElement applicationData) {
        return WbxmlElement.of(AIRSYNC, "Sync")
                .add(WbxmlElement.of(AIRSYNC, "Collections")
                        .add(WbxmlElement.of(AIRSYNC, "Collection")
                                .add("Class", "Contacts")
                                .add("SyncKey", "2")
                                .add("CollectionId", "2")
                                .add("Status", "1")
                                .add(WbxmlElement.of(AIRSYNC, "Commands")
                                        .add(WbxmlElement.of(AIRSYNC, "Add")
                                                .add("ServerId", "2:1")
                                                .add(applicationData)))));
    }

    static WbxmlElement applicationData(WbxmlElement sync) {
        WbxmlElement add = sync.child("Collections")
                .flatMap(c -> c.child("Collection"))
                .flatMap(c -> c.child("Commands"))
                .flatMap(c -> c.child("Add"))
                .orElseThrow();
        return add.child("ApplicationData").orElseThrow();
    }

    static byte[] vector(String name) throws IOException, WbxmlException {
        try (InputStream in = ContactEasTest.class.getResourceAsStream("/wbxml-vectors/" + name)) {
            if (in == null) {
                throw new IllegalStateException("no vector " + name);
            }
            return in.readAllBytes();
        }
    }
}
