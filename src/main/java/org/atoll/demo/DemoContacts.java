package org.atoll.demo;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import javax.imageio.ImageIO;
import org.atoll.contacts.AddressKind;
import org.atoll.contacts.Contact;
import org.atoll.contacts.ContactPicture;
import org.atoll.contacts.PhoneKind;
import org.atoll.contacts.PostalAddress;

/**
 * The demo user's address book (MS-ASCNTC): people with numbers of several kinds, postal addresses, birthdays,
 * companies and job titles, nicknames, notes and categories, some with a picture, in several scripts. The first
 * contacts are the people who write to the demo user in the demo mailbox, with the addresses they write from.
 *
 * <p>Deterministic: the same seed and count give the same contacts, and the first {@code n} contacts of a longer
 * list are the {@code n} contacts of a shorter one. Numbers are from the ranges kept for fiction (555-0100 to 0199)
 * and every domain is an example domain.
 */
public final class DemoContacts {

    /** How many contacts the demo user has. */
    public static final int SIZE = 50;

    private static final List<String> FIRST_NAMES = List.of(
            "Aino",
            "Ben",
            "Chiara",
            "Dmitri",
            "Esther",
            "Farid",
            "Greta",
            "Hugo",
            "Isabel",
            "Jakub",
            "Kaia",
            "Luca",
            "Maren",
            "Nikhil",
            "Olivia",
            "Pablo",
            "Quentin",
            "Rosa",
            "Samir",
            "Tove",
            "Ugo",
            "Valentina",
            "Wanjiru",
            "Xavier",
            "Yusuf",
            "Zoë",
            "Łukasz",
            "Ngọc Anh",
            "Søren",
            "Éloïse",
            "Mateus",
            "Leilani");

    private static final List<String> LAST_NAMES = List.of(
            "Andersen",
            "Berger",
            "Costa",
            "Dubois",
            "Eriksson",
            "Fischer",
            "García",
            "Horvat",
            "Ivanova",
            "Jansen",
            "Kowalski",
            "Larsen",
            "Moreau",
            "Novak",
            "O'Connor",
            "Petrov",
            "Quinn",
            "Rossi",
            "Schmidt",
            "Takahashi",
            "Urban",
            "Vasquez",
            "Wójcik",
            "Yilmaz",
            "Zimmermann",
            "Nguyễn",
            "Okafor",
            "Müller");

    private static final List<String> NICKNAMES =
            List.of("Bee", "Doc", "Jojo", "Kiki", "Max", "Nico", "Pip", "Sunny", "Teddy", "Ziggy");

    private record Company(String name, String domain, String department, String title) {}

    private static final List<Company> COMPANIES = List.of(
            new Company("Harbor Works Ltd.", "harborworks.example", "Operations", "Logistics planner"),
            new Company("Northwind Tiles", "northwind.example", "Sales", "Account manager"),
            new Company("Blue Fjord Analytics", "bluefjord.example", "Data Science", "Senior analyst"),
            new Company("Lindqvist & Dahl Architects", "lindqvist-dahl.example", "Design", "Architect"),
            new Company("Café Aurora", "cafe-aurora.example", "Kitchen", "Head chef"),
            new Company("Meridian Health", "meridian.example", "Cardiology", "Physician"),
            new Company("Atlas Freight", "atlasfreight.example", "Customs", "Broker"),
            new Company("Kestrel Software", "kestrel.example", "Engineering", "Backend engineer"),
            new Company("Orchard School", "orchard-school.example", "Science", "Teacher"),
            new Company("Greco & Figli", "greco.example", "Finance", "Controller"),
            new Company("Sakura Trading", "sakura-trading.example", "Import", "Buyer"),
            new Company("Lumen Law", "lumenlaw.example", "Litigation", "Partner"));

    private record Place(String street, String city, String state, String postalCode, String country) {}

    private static final List<Place> PLACES = List.of(
            new Place("Storgata 12", "Oslo", null, "0155", "Norway"),
            new Place("Rue de la Roquette 41", "Paris", null, "75011", "France"),
            new Place("Hauptstraße 5\nHinterhaus", "Berlin", null, "10827", "Germany"),
            new Place("221 Baker Street", "London", null, "NW1 6XE", "United Kingdom"),
            new Place("1600 Harbor Blvd", "Portland", "OR", "97201", "United States"),
            new Place("Via dei Coronari 8", "Roma", "RM", "00186", "Italy"),
            new Place("Drottninggatan 71", "Stockholm", null, "111 36", "Sweden"),
            new Place("2-11-3 Meguro", "Tokyo", "Tokyo", "153-0063", "Japan"),
            new Place("Rua Augusta 20", "Lisboa", null, "1100-053", "Portugal"),
            new Place("55 Queen Street", "Auckland", null, "1010", "New Zealand"),
            new Place("Calle de Alcalá 100\nPlanta 3", "Madrid", "Madrid", "28009", "Spain"),
            new Place("ul. Floriańska 14", "Kraków", null, "31-019", "Poland"));

    private static final List<String> CATEGORIES =
            List.of("Family", "Friends", "Work", "Clients", "Suppliers", "Neighbours", "Running club");

    private static final List<String> NOTES = List.of(
            "Met at the harbour conference.\nPrefers calls after 10:00.",
            "Allergic to nuts; remember for the dinner.",
            "Kids go to the same school as ours.",
            "Knows everyone at the port authority. Ask about the permits.",
            "Lent me the ladder in March; bring it back!",
            "Speaks German, French and some Japanese.",
            "Birthday cake: chocolate, no raisins.");

    private static final List<String> CHILDREN = List.of("Mila", "Noah", "Ella", "Oskar", "Lea", "Theo", "Ida");

    private DemoContacts() {}

    /** The first {@code count} contacts of the address book the seed gives. */
    public static List<Contact> generate(long seed, int count) {
        List<Contact> contacts = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            contacts.add(contact(new SplittableRandom(seed * 1_000_003L + i), i));
        }
        return contacts;
    }

    private static Contact contact(SplittableRandom random, int index) {
        String first;
        String last;
        String email;
        if (index < DemoCast.PEOPLE.size()) {
            DemoCast.Person person = DemoCast.PEOPLE.get(index);
            int space = person.name().indexOf(' ');
            boolean familyFirst = person.language() == DemoCast.Language.JA;
            first = familyFirst
                    ? person.name().substring(space + 1)
                    : person.name().substring(0, space);
            last = familyFirst
                    ? person.name().substring(0, space)
                    : person.name().substring(space + 1);
            email = person.address();
        } else {
            first = pick(random, FIRST_NAMES);
            last = pick(random, LAST_NAMES);
            email = ascii(first) + "." + ascii(last) + (index > 100 ? Integer.toString(index) : "") + "@"
                    + pick(random, List.of("example.org", "example.net", "example.test"));
        }
        Contact.Builder contact = Contact.builder()
                .firstName(first)
                .lastName(last)
                .fileAs(chance(random, 80) ? last + ", " + first : null);
        if (chance(random, 10)) {
            contact.middleName(pick(random, List.of("Maria", "James", "Sofie", "Kai")));
        }
        if (chance(random, 5)) {
            contact.title(pick(random, List.of("Dr.", "Prof.")));
        }
        if (chance(random, 3)) {
            contact.suffix(pick(random, List.of("Jr.", "Sr.", "III")));
        }
        if (chance(random, 20)) {
            contact.nickName(pick(random, NICKNAMES));
        }
        if (last.equals("Takahashi") || last.equals("佐藤")) {
            contact.yomiLastName(last.equals("佐藤") ? "サトウ" : "タカハシ");
            contact.yomiFirstName(first.equals("花子") ? "ハナコ" : null);
        }
        List<String> emails = new ArrayList<>(List.of(email));
        Company company = chance(random, 70) ? pick(random, COMPANIES) : null;
        if (company != null) {
            contact.companyName(company.name()).jobTitle(company.title());
            if (chance(random, 60)) {
                contact.department(company.department());
            }
            if (chance(random, 15)) {
                contact.officeLocation("Building " + (1 + random.nextInt(6)) + ", room " + (100 + random.nextInt(300)));
            }
            if (company.name().equals("Sakura Trading")) {
                contact.yomiCompanyName("サクラトレーディング");
            }
            if (chance(random, 50)) {
                emails.add(ascii(first) + "@" + company.domain());
            }
            contact.phone(PhoneKind.BUSINESS, number(random));
            if (chance(random, 15)) {
                contact.phone(PhoneKind.BUSINESS2, number(random));
            }
            if (chance(random, 15)) {
                contact.phone(PhoneKind.BUSINESS_FAX, number(random));
            }
            if (chance(random, 20)) {
                contact.phone(PhoneKind.COMPANY_MAIN, number(random));
            }
            if (chance(random, 8)) {
                contact.assistantName(pick(random, FIRST_NAMES) + " " + pick(random, LAST_NAMES))
                        .phone(PhoneKind.ASSISTANT, number(random));
            }
            if (chance(random, 8)) {
                contact.managerName(pick(random, FIRST_NAMES) + " " + pick(random, LAST_NAMES));
            }
            if (chance(random, 45)) {
                contact.address(AddressKind.BUSINESS, address(random));
            }
            if (chance(random, 5)) {
                contact.customerId("C-" + (1000 + random.nextInt(9000)));
            }
        }
        if (chance(random, 15)) {
            emails.add(ascii(last) + "." + ascii(first) + "@example.com");
        }
        contact.emailAddresses(
                emails.stream().distinct().limit(Contact.MAX_EMAILS).toList());
        if (chance(random, 85)) {
            contact.phone(PhoneKind.MOBILE, number(random));
        }
        if (chance(random, 40)) {
            contact.phone(PhoneKind.HOME, number(random));
        }
        if (chance(random, 5)) {
            contact.phone(PhoneKind.HOME2, number(random));
        }
        if (chance(random, 4)) {
            contact.phone(PhoneKind.HOME_FAX, number(random));
        }
        if (chance(random, 3)) {
            contact.phone(PhoneKind.CAR, number(random));
        }
        if (chance(random, 2)) {
            contact.phone(PhoneKind.PAGER, number(random));
        }
        if (chance(random, 2)) {
            contact.phone(PhoneKind.RADIO, number(random));
        }
        if (chance(random, 3)) {
            contact.phone(PhoneKind.MMS, number(random));
        }
        if (chance(random, 50)) {
            contact.address(AddressKind.HOME, address(random));
        }
        if (chance(random, 8)) {
            contact.address(AddressKind.OTHER, address(random));
        }
        if (chance(random, 60)) {
            contact.birthday(LocalDate.of(1950 + random.nextInt(55), 1 + random.nextInt(12), 1 + random.nextInt(28)));
        }
        if (chance(random, 10)) {
            contact.anniversary(
                    LocalDate.of(1980 + random.nextInt(45), 1 + random.nextInt(12), 1 + random.nextInt(28)));
        }
        if (chance(random, 15)) {
            contact.webPage("https://" + ascii(first) + "." + ascii(last) + ".example.net/");
        }
        if (chance(random, 12)) {
            contact.spouse(pick(random, FIRST_NAMES) + " " + last);
        }
        if (chance(random, 10)) {
            int child = random.nextInt(CHILDREN.size());
            contact.children(
                    random.nextBoolean()
                            ? List.of(CHILDREN.get(child))
                            : List.of(CHILDREN.get(child), CHILDREN.get((child + 1) % CHILDREN.size())));
        }
        if (chance(random, 12)) {
            contact.imAddresses(
                    random.nextBoolean()
                            ? List.of("xmpp:" + ascii(first) + "@chat.example.org")
                            : List.of(
                                    "sip:" + ascii(first) + "." + ascii(last) + "@voip.example.net",
                                    ascii(first) + "_" + index));
        }
        if (chance(random, 3)) {
            contact.governmentId("X" + (1_000_000 + random.nextInt(9_000_000)) + "L");
        }
        if (chance(random, 3)) {
            contact.accountName(ascii(first).toLowerCase(Locale.ROOT) + index);
        }
        if (chance(random, 50)) {
            String category = pick(random, CATEGORIES);
            contact.categories(
                    chance(random, 20) && !category.equals("Friends")
                            ? List.of(category, "Friends")
                            : List.of(category));
        }
        if (chance(random, 20)) {
            contact.body(pick(random, NOTES));
        }
        if (chance(random, 25)) {
            contact.picture(new ContactPicture.Inline(avatar(random)));
        }
        return contact.build();
    }

    private static PostalAddress address(SplittableRandom random) {
        Place place = pick(random, PLACES);
        boolean streetOnly = chance(random, 5);
        return new PostalAddress(
                place.street(),
                streetOnly ? null : place.city(),
                streetOnly ? null : place.state(),
                streetOnly ? null : place.postalCode(),
                streetOnly ? null : place.country());
    }

    /** A number in the range kept for fiction, in one of a few countries' forms. */
    private static String number(SplittableRandom random) {
        int line = 100 + random.nextInt(100);
        return switch (random.nextInt(4)) {
            case 0 -> "+1 555 0" + line;
            case 1 -> "+1 (555) 0" + line;
            case 2 -> "+1-555-0" + line + " ext. " + (10 + random.nextInt(90));
            default -> "555-0" + line;
        };
    }

    /**
     * A 40 by 40 pixel PNG: a symmetric five by five pattern in one colour on a light ground, as address books draw
     * for people without a photo.
     */
    private static byte[] avatar(SplittableRandom random) {
        int colour = 0xFF000000
                | (40 + random.nextInt(160)) << 16
                | (40 + random.nextInt(160)) << 8
                | (40 + random.nextInt(160));
        boolean[][] cells = new boolean[5][5];
        for (int row = 0; row < 5; row++) {
            for (int column = 0; column < 3; column++) {
                cells[row][column] = random.nextBoolean();
                cells[row][4 - column] = cells[row][column];
            }
        }
        BufferedImage image = new BufferedImage(40, 40, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 40; y++) {
            for (int x = 0; x < 40; x++) {
                image.setRGB(x, y, cells[y / 8][x / 8] ? colour : 0xFFF0F0F0);
            }
        }
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", png);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return png.toByteArray();
    }

    private static boolean chance(SplittableRandom random, int percent) {
        return random.nextInt(100) < percent;
    }

    private static <T> T pick(SplittableRandom random, List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    /** The name as it goes into an e-mail address: lower case, ASCII letters only. */
    private static String ascii(String name) {
        String plain = java.text.Normalizer.normalize(name, java.text.Normalizer.Form.NFD)
                .replace("ł", "l")
                .replace("Ł", "L")
                .replace("ø", "o")
                .replace("Ø", "O")
                .replaceAll("[^A-Za-z]", "");
        return plain.isEmpty() ? "contact" : plain.toLowerCase(Locale.ROOT);
    }
}
