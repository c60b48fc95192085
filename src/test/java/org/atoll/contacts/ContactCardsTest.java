package org.atoll.contacts;

import static org.assertj.core.api.Assertions.assertThat;

import ezvcard.VCardVersion;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ContactCardsTest {

    @Nested
    class RoundTrip {

        @ParameterizedTest
        @EnumSource(names = {"V4_0", "V3_0"})
        void everyFieldShouldSurviveExportAndImport(VCardVersion version) {
            List<Contact> contacts = Contacts.varied();

            CardImport imported = ContactCards.read(ContactCards.write(contacts, version));

            assertThat(imported.refused()).isEmpty();
            assertThat(imported.accepted()).containsExactlyElementsOf(contacts);
        }

        @ParameterizedTest
        @EnumSource(names = {"V4_0", "V3_0"})
        void exportShouldBeTheVersionAskedForWithStandardProperties(VCardVersion version) {
            String text = ContactCards.write(List.of(Contacts.full()), version);

            assertThat(text)
                    .startsWith("BEGIN:VCARD\r\nVERSION:" + version.getVersion() + "\r\n")
                    .contains("N:Núñez;José;Ángel;Dr.;Jr.\r\n")
                    .contains("EMAIL")
                    .contains("BDAY")
                    .contains("NOTE:Met at FOSDEM.\\nLikes café con leche\\;\\n\tcall after 10:00\\, not before")
                    .endsWith("END:VCARD\r\n");
        }

        @Test
        void imAddressesShouldKeepTheirOrderWhateverTheirForm() {
            Contact contact = Contact.builder()
                    .firstName("Kim")
                    .imAddresses(List.of("kim.plain", "xmpp:kim@example.test", "kim-two"))
                    .build();

            CardImport imported = ContactCards.read(ContactCards.write(List.of(contact), VCardVersion.V4_0));

            assertThat(imported.accepted()).containsExactly(contact);
        }
    }

    @Nested
    class Import {

        static final String GOOD_ONE = """
                BEGIN:VCARD\r
                VERSION:3.0\r
                N:Lovelace;Ada;;;\r
                FN:Ada Lovelace\r
                EMAIL;TYPE=INTERNET:ada@example.test\r
                TEL;TYPE=CELL:+44 20 0000 0000\r
                END:VCARD\r
                """;

        static final String BAD_BIRTHDAY = """
                BEGIN:VCARD\r
                VERSION:4.0\r
                FN:Charles Babbage\r
                N:Babbage;Charles;;;\r
                BDAY:sometime in december\r
                END:VCARD\r
                """;

        static final String FOUR_EMAILS = """
                BEGIN:VCARD\r
                VERSION:4.0\r
                FN:Many Mails\r
                EMAIL:a@example.test\r
                EMAIL:b@example.test\r
                EMAIL:c@example.test\r
                EMAIL:d@example.test\r
                END:VCARD\r
                """;

        static final String NOBODY = """
                BEGIN:VCARD\r
                VERSION:4.0\r
                NOTE:a card about no one\r
                END:VCARD\r
                """;

        static final String GOOD_TWO = """
                BEGIN:VCARD\r
                VERSION:4.0\r
                FN:Grace Hopper\r
                N:Hopper;Grace;Brewster;Rear Admiral;\r
                ORG:US Navy;Bureau of Ordnance\r
                BDAY:19061209\r
                ADR;TYPE=work:;;1 Navy Way;Arlington;VA;22201;USA\r
                END:VCARD\r
                """;

        @Test
        void malformedCardsShouldBeRefusedOneByOneAndTheOthersKept() {
            CardImport imported = ContactCards.read(GOOD_ONE + BAD_BIRTHDAY + FOUR_EMAILS + NOBODY + GOOD_TWO);

            assertThat(imported.accepted()).extracting(Contact::lastName).containsExactly("Lovelace", "Hopper");
            assertThat(imported.acceptedPositions()).containsExactly(1, 5);
            assertThat(imported.refused())
                    .extracting(CardImport.Refused::position)
                    .containsExactly(2, 3, 4);
            assertThat(imported.refused().get(0).reason()).contains("BDAY");
            assertThat(imported.refused().get(1).reason()).contains("4 e-mail addresses");
            assertThat(imported.refused().get(2).reason()).contains("names nobody");
        }

        @Test
        void cardOfAnotherToolShouldBeMappedFieldByField() {
            CardImport imported = ContactCards.read(GOOD_TWO);

            assertThat(imported.accepted())
                    .containsExactly(Contact.builder()
                            .firstName("Grace")
                            .middleName("Brewster")
                            .lastName("Hopper")
                            .title("Rear Admiral")
                            .companyName("US Navy")
                            .department("Bureau of Ordnance")
                            .birthday(java.time.LocalDate.of(1906, 12, 9))
                            .address(
                                    AddressKind.BUSINESS,
                                    new PostalAddress("1 Navy Way", "Arlington", "VA", "22201", "USA"))
                            .fileAs("Grace Hopper")
                            .build());
        }

        @Test
        void thirdWorkNumberShouldRefuseTheCard() {
            String card = """
                    BEGIN:VCARD\r
                    VERSION:3.0\r
                    FN:Busy Person\r
                    TEL;TYPE=WORK:1\r
                    TEL;TYPE=WORK:2\r
                    TEL;TYPE=WORK:3\r
                    END:VCARD\r
                    """;

            CardImport imported = ContactCards.read(card);

            assertThat(imported.accepted()).isEmpty();
            assertThat(imported.refused()).singleElement().satisfies(refused -> {
                assertThat(refused.position()).isEqualTo(1);
                assertThat(refused.reason()).contains("more telephone numbers");
            });
        }
    }
}
