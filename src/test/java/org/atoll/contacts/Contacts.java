package org.atoll.contacts;

import java.time.LocalDate;
import java.util.List;

/** Contacts that together fill every field, with non-ASCII names, multi-line notes and a picture. */
final class Contacts {

    /** The smallest GIF: one transparent pixel. */
    static final byte[] PIXEL =
            java.util.Base64.getDecoder().decode("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7");

    private Contacts() {}

    static Contact full() {
        return Contact.builder()
                .fileAs("Núñez, José Ángel")
                .firstName("José")
                .middleName("Ángel")
                .lastName("Núñez")
                .title("Dr.")
                .suffix("Jr.")
                .nickName("Pepe")
                .yomiFirstName("ホセ")
                .yomiLastName("ヌニェス")
                .companyName("Atlántico Ltd.")
                .yomiCompanyName("アトランティコ")
                .department("Research; Development")
                .jobTitle("Principal Engineer")
                .officeLocation("Building 4, Room 201")
                .emailAddresses(List.of("jose@example.test", "pepe@example.org", "j.nunez@example.net"))
                .phone(PhoneKind.BUSINESS, "+34 910 000 001")
                .phone(PhoneKind.BUSINESS2, "+34 910 000 002")
                .phone(PhoneKind.HOME, "+34 910 000 003")
                .phone(PhoneKind.HOME2, "+34 910 000 004")
                .phone(PhoneKind.MOBILE, "+34 600 000 005")
                .phone(PhoneKind.CAR, "+34 600 000 006")
                .phone(PhoneKind.PAGER, "+34 600 000 007")
                .phone(PhoneKind.RADIO, "+34 600 000 008")
                .phone(PhoneKind.BUSINESS_FAX, "+34 910 000 009")
                .phone(PhoneKind.HOME_FAX, "+34 910 000 010")
                .phone(PhoneKind.ASSISTANT, "+34 910 000 011")
                .phone(PhoneKind.COMPANY_MAIN, "+34 910 000 012")
                .phone(PhoneKind.MMS, "+34 600 000 013")
                .address(
                        AddressKind.BUSINESS,
                        new PostalAddress("Calle de Alcalá 1\nPlanta 3", "Madrid", "Madrid", "28014", "España"))
                .address(AddressKind.HOME, new PostalAddress("Rua Augusta 20", "Lisboa", null, "1100-053", "Portugal"))
                .address(AddressKind.OTHER, new PostalAddress(null, "Zürich", "ZH", null, "Schweiz"))
                .birthday(LocalDate.of(1980, 5, 12))
                .anniversary(LocalDate.of(2008, 9, 27))
                .webPage("https://example.test/~jose")
                .spouse("María Núñez")
                .children(List.of("Lucía", "Mateo"))
                .managerName("Zoë Ökonom")
                .assistantName("Łukasz Nowak")
                .imAddresses(List.of("xmpp:jose@example.test", "sip:jose@example.test", "jose.nunez"))
                .customerId("C-0042")
                .governmentId("X1234567L")
                .accountName("jnunez")
                .categories(List.of("Clientes", "VIP, Madrid"))
                .body("Met at FOSDEM.\nLikes café con leche;\n\tcall after 10:00, not before.")
                .picture(new ContactPicture.Inline(PIXEL))
                .build();
    }

    /** A varied set: everything filled, then contacts with only some parts, in several scripts. */
    static List<Contact> varied() {
        return List.of(
                full(),
                Contact.builder()
                        .firstName("Ælfrida")
                        .lastName("Þórsdóttir")
                        .emailAddresses(List.of("aelfrida@example.is"))
                        .body("Line one\nLine two\n\nLine four")
                        .build(),
                Contact.builder()
                        .firstName("Дмитрий")
                        .lastName("Шостакович")
                        .phone(PhoneKind.MOBILE, "+7 900 000-00-00")
                        .address(
                                AddressKind.HOME,
                                new PostalAddress("Невский пр., 1", "Санкт-Петербург", null, null, null))
                        .categories(List.of("Музыка"))
                        .build(),
                Contact.builder()
                        .lastName("王")
                        .firstName("小明")
                        .companyName("北京有限公司")
                        .jobTitle("经理")
                        .birthday(LocalDate.of(1999, 12, 31))
                        .build(),
                Contact.builder()
                        .companyName("Acme Widgets")
                        .phone(PhoneKind.COMPANY_MAIN, "+1 555 0100")
                        .phone(PhoneKind.BUSINESS_FAX, "+1 555 0101")
                        .webPage("https://acme.example")
                        .build(),
                Contact.builder()
                        .firstName("Noa")
                        .emailAddresses(List.of("noa@example.test", "noa.work@example.test"))
                        .anniversary(LocalDate.of(2020, 2, 29))
                        .children(List.of("Eli"))
                        .build());
    }
}
