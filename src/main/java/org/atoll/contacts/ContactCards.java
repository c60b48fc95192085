package org.atoll.contacts;

import ezvcard.Ezvcard;
import ezvcard.VCard;
import ezvcard.VCardVersion;
import ezvcard.io.ParseWarning;
import ezvcard.io.text.VCardReader;
import ezvcard.parameter.AddressType;
import ezvcard.parameter.ImageType;
import ezvcard.parameter.RelatedType;
import ezvcard.parameter.TelephoneType;
import ezvcard.property.Address;
import ezvcard.property.DateOrTimeProperty;
import ezvcard.property.Email;
import ezvcard.property.Impp;
import ezvcard.property.Note;
import ezvcard.property.Organization;
import ezvcard.property.Photo;
import ezvcard.property.RawProperty;
import ezvcard.property.Related;
import ezvcard.property.StructuredName;
import ezvcard.property.Telephone;
import ezvcard.property.VCardProperty;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * Contacts as vCard 4.0 (RFC 6350) or 3.0 (RFC 2426) text, and back, through ez-vcard.
 *
 * <p>The mapping: N, FN (the contact's FileAs, also kept as {@code X-ATOLL-FILE-AS}, or else the name it is shown
 * by; an FN other than that name becomes the FileAs of a card without {@code X-ATOLL-FILE-AS}), NICKNAME, ORG (company; department),
 * TITLE (job title), EMAIL in order, TEL by type (work, home, cell, car, pager, fax; a second work or home number
 * carries {@code x-second}; radio, assistant, company main and MMS numbers the types {@code x-radio},
 * {@code x-assistant}, {@code x-company-main}, {@code x-mms}), ADR (work, home, none for other), BDAY, ANNIVERSARY,
 * URL, RELATED of type spouse and child, CATEGORIES, NOTE and PHOTO (inline only); IM addresses as IMPP when they are
 * URIs and {@code X-ATOLL-IM} otherwise, both with {@code X-ATOLL-ORDER} giving their order; phonetic names as Apple's
 * {@code X-PHONETIC-FIRST-NAME}, {@code X-PHONETIC-LAST-NAME}, {@code X-PHONETIC-ORG}; what vCard has no property for
 * as {@code X-ATOLL-OFFICE-LOCATION}, {@code X-ATOLL-MANAGER}, {@code X-ATOLL-ASSISTANT}, {@code X-ATOLL-CUSTOMER-ID},
 * {@code X-ATOLL-GOVERNMENT-ID}, {@code X-ATOLL-ACCOUNT-NAME}. Both versions write the same properties (ANNIVERSARY
 * and RELATED included in 3.0, which readers of 3.0 keep as unknown properties).
 *
 * <p>Reading refuses a card, with the reason, when the parser reported a problem in it, when a date is not a whole
 * date, when it holds more e-mail or IM addresses, or more numbers or addresses of one kind, than a contact keeps,
 * when it holds U+0000, or when it names nobody (no name, organization, e-mail address or telephone number). Such a
 * card is left out whole; the cards around it are kept. Line breaks in values come back as {@code \n}, whatever
 * they were written as. A PHOTO given as a link is not fetched and not kept. The size
 * of the input is the caller's to bound.
 */
public final class ContactCards {

    private static final String FILE_AS = "X-ATOLL-FILE-AS";
    private static final String OFFICE = "X-ATOLL-OFFICE-LOCATION";
    private static final String MANAGER = "X-ATOLL-MANAGER";
    private static final String ASSISTANT = "X-ATOLL-ASSISTANT";
    private static final String CUSTOMER_ID = "X-ATOLL-CUSTOMER-ID";
    private static final String GOVERNMENT_ID = "X-ATOLL-GOVERNMENT-ID";
    private static final String ACCOUNT_NAME = "X-ATOLL-ACCOUNT-NAME";
    private static final String IM = "X-ATOLL-IM";
    private static final String YOMI_FIRST = "X-PHONETIC-FIRST-NAME";
    private static final String YOMI_LAST = "X-PHONETIC-LAST-NAME";
    private static final String YOMI_COMPANY = "X-PHONETIC-ORG";

    private static final String SECOND = "x-second";

    /** The parameter that keeps the order of IM addresses across IMPP and {@code X-ATOLL-IM}. */
    private static final String ORDER = "X-ATOLL-ORDER";

    private static final Map<PhoneKind, List<String>> PHONE_TYPES = new EnumMap<>(Map.ofEntries(
            Map.entry(PhoneKind.BUSINESS, List.of("work", "voice")),
            Map.entry(PhoneKind.BUSINESS2, List.of("work", "voice", SECOND)),
            Map.entry(PhoneKind.HOME, List.of("home", "voice")),
            Map.entry(PhoneKind.HOME2, List.of("home", "voice", SECOND)),
            Map.entry(PhoneKind.MOBILE, List.of("cell")),
            Map.entry(PhoneKind.CAR, List.of("car")),
            Map.entry(PhoneKind.PAGER, List.of("pager")),
            Map.entry(PhoneKind.RADIO, List.of("x-radio")),
            Map.entry(PhoneKind.BUSINESS_FAX, List.of("work", "fax")),
            Map.entry(PhoneKind.HOME_FAX, List.of("home", "fax")),
            Map.entry(PhoneKind.ASSISTANT, List.of("x-assistant")),
            Map.entry(PhoneKind.COMPANY_MAIN, List.of("x-company-main")),
            Map.entry(PhoneKind.MMS, List.of("x-mms"))));

    private ContactCards() {}

    /**
     * The contacts as one vCard file of the given version (4.0 or 3.0), in order.
     *
     * @throws IllegalArgumentException for version 2.1, or a contact whose picture is a {@link ContactPicture.Stored}
     *     reference (resolve it first)
     */
    public static String write(List<Contact> contacts, VCardVersion version) {
        if (version == VCardVersion.V2_1) {
            throw new IllegalArgumentException("vCard 2.1 is not written");
        }
        List<VCard> cards = contacts.stream().map(ContactCards::toVCard).toList();
        return Ezvcard.write(cards)
                .version(version)
                .versionStrict(false)
                .prodId(false)
                .go();
    }

    /** The contacts of a vCard file (any version), each malformed card refused with its position and reason. */
    public static CardImport read(String text) {
        List<Contact> accepted = new ArrayList<>();
        List<CardImport.Refused> refused = new ArrayList<>();
        try (VCardReader reader = new VCardReader(new StringReader(text))) {
            int position = 0;
            VCard card;
            while ((card = reader.readNext()) != null) {
                position++;
                List<ParseWarning> warnings = reader.getWarnings();
                if (!warnings.isEmpty()) {
                    refused.add(new CardImport.Refused(position, warnings.get(0).toString()));
                    continue;
                }
                try {
                    accepted.add(fromVCard(card));
                } catch (IllegalArgumentException e) {
                    refused.add(new CardImport.Refused(position, e.getMessage()));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new CardImport(accepted, refused);
    }

    static VCard toVCard(Contact contact) {
        VCard card = new VCard();
        StructuredName name = new StructuredName();
        name.setFamily(contact.lastName());
        name.setGiven(contact.firstName());
        if (contact.middleName() != null) {
            name.getAdditionalNames().add(contact.middleName());
        }
        if (contact.title() != null) {
            name.getPrefixes().add(contact.title());
        }
        if (contact.suffix() != null) {
            name.getSuffixes().add(contact.suffix());
        }
        card.setStructuredName(name);
        card.setFormattedName(contact.fileAs() != null ? contact.fileAs() : displayName(contact));
        if (contact.nickName() != null) {
            card.setNickname(contact.nickName());
        }
        if (contact.companyName() != null || contact.department() != null) {
            Organization organization = new Organization();
            organization.getValues().add(contact.companyName() == null ? "" : contact.companyName());
            if (contact.department() != null) {
                organization.getValues().add(contact.department());
            }
            card.setOrganization(organization);
        }
        if (contact.jobTitle() != null) {
            card.addTitle(contact.jobTitle());
        }
        contact.emailAddresses().forEach(address -> card.addEmail(address));
        contact.phones()
                .forEach((kind, number) -> card.addTelephoneNumber(
                        number,
                        PHONE_TYPES.get(kind).stream().map(TelephoneType::get).toArray(TelephoneType[]::new)));
        contact.addresses().forEach((kind, postal) -> card.addAddress(address(kind, postal)));
        if (contact.birthday() != null) {
            card.setBirthday(new ezvcard.property.Birthday(contact.birthday()));
        }
        if (contact.anniversary() != null) {
            card.setAnniversary(contact.anniversary());
        }
        if (contact.webPage() != null) {
            card.addUrl(contact.webPage());
        }
        if (contact.spouse() != null) {
            card.addRelated(related(contact.spouse(), RelatedType.SPOUSE));
        }
        contact.children().forEach(child -> card.addRelated(related(child, RelatedType.CHILD)));
        for (int i = 0; i < contact.imAddresses().size(); i++) {
            String im = contact.imAddresses().get(i);
            VCardProperty property = isUri(im) ? new Impp(im) : new RawProperty(IM, im);
            property.getParameters().put(ORDER, Integer.toString(i + 1));
            card.addProperty(property);
        }
        extended(card, FILE_AS, contact.fileAs());
        extended(card, OFFICE, contact.officeLocation());
        extended(card, MANAGER, contact.managerName());
        extended(card, ASSISTANT, contact.assistantName());
        extended(card, CUSTOMER_ID, contact.customerId());
        extended(card, GOVERNMENT_ID, contact.governmentId());
        extended(card, ACCOUNT_NAME, contact.accountName());
        extended(card, YOMI_FIRST, contact.yomiFirstName());
        extended(card, YOMI_LAST, contact.yomiLastName());
        extended(card, YOMI_COMPANY, contact.yomiCompanyName());
        if (!contact.categories().isEmpty()) {
            card.setCategories(contact.categories().toArray(String[]::new));
        }
        if (contact.body() != null) {
            card.addNote(contact.body());
        }
        if (contact.picture() != null) {
            if (!(contact.picture() instanceof ContactPicture.Inline inline)) {
                throw new IllegalArgumentException("a stored picture is resolved before it is written");
            }
            card.addPhoto(new Photo(inline.bytes(), imageType(inline.bytes())));
        }
        return card;
    }

    static Contact fromVCard(VCard card) {
        Contact.Builder contact = Contact.builder();
        StructuredName name = card.getStructuredName();
        if (name != null) {
            contact.lastName(name.getFamily())
                    .firstName(name.getGiven())
                    .middleName(String.join(" ", name.getAdditionalNames()))
                    .title(String.join(" ", name.getPrefixes()))
                    .suffix(String.join(" ", name.getSuffixes()));
        }
        if (card.getNickname() != null) {
            contact.nickName(String.join(", ", card.getNickname().getValues()));
        }
        Organization organization = card.getOrganization();
        if (organization != null && !organization.getValues().isEmpty()) {
            List<String> values = organization.getValues();
            contact.companyName(values.get(0));
            if (values.size() > 1) {
                contact.department(String.join("; ", values.subList(1, values.size())));
            }
        }
        if (!card.getTitles().isEmpty()) {
            contact.jobTitle(card.getTitles().get(0).getValue());
        }
        List<String> emails = card.getEmails().stream()
                .map(Email::getValue)
                .filter(v -> v != null && !v.isEmpty())
                .toList();
        if (emails.size() > Contact.MAX_EMAILS) {
            throw new IllegalArgumentException(
                    emails.size() + " e-mail addresses; a contact keeps " + Contact.MAX_EMAILS);
        }
        contact.emailAddresses(emails);
        phones(card, contact);
        addresses(card, contact);
        contact.birthday(date(card.getBirthday(), "BDAY"));
        contact.anniversary(date(card.getAnniversary(), "ANNIVERSARY"));
        if (!card.getUrls().isEmpty()) {
            contact.webPage(card.getUrls().get(0).getValue());
        }
        List<String> children = new ArrayList<>();
        for (Related related : card.getRelations()) {
            String value = related.getText() != null ? related.getText() : related.getUri();
            if (related.getTypes().contains(RelatedType.SPOUSE)) {
                contact.spouse(value);
            } else if (related.getTypes().contains(RelatedType.CHILD) && value != null) {
                children.add(value);
            }
        }
        contact.children(children);
        contact.imAddresses(imAddresses(card));
        contact.officeLocation(extended(card, OFFICE))
                .managerName(extended(card, MANAGER))
                .assistantName(extended(card, ASSISTANT))
                .customerId(extended(card, CUSTOMER_ID))
                .governmentId(extended(card, GOVERNMENT_ID))
                .accountName(extended(card, ACCOUNT_NAME))
                .yomiFirstName(extended(card, YOMI_FIRST))
                .yomiLastName(extended(card, YOMI_LAST))
                .yomiCompanyName(extended(card, YOMI_COMPANY));
        contact.categories(card.getCategoriesList().stream()
                .flatMap(categories -> categories.getValues().stream())
                .filter(value -> !value.isEmpty())
                .toList());
        List<String> notes = card.getNotes().stream()
                .map(Note::getValue)
                .filter(v -> v != null && !v.isEmpty())
                .toList();
        contact.body(notes.isEmpty() ? null : String.join("\n\n", notes));
        card.getPhotos().stream()
                .map(Photo::getData)
                .filter(data -> data != null && data.length > 0)
                .findFirst()
                .ifPresent(data -> contact.picture(new ContactPicture.Inline(data)));
        Contact built = contact.build();
        String fileAs = extended(card, FILE_AS);
        String formatted =
                card.getFormattedName() == null ? null : card.getFormattedName().getValue();
        if (fileAs != null) {
            built = built.toBuilder().fileAs(fileAs).build();
        } else if (formatted != null && !formatted.isEmpty() && !formatted.equals(displayName(built))) {
            built = built.toBuilder().fileAs(formatted).build();
        }
        if (displayName(built).isEmpty()) {
            throw new IllegalArgumentException("the card names nobody: no name, organization, e-mail or telephone");
        }
        return built;
    }

    /** The name a contact is shown by: its names, else its company, else its first e-mail address or number. */
    static String displayName(Contact contact) {
        String names = Stream.of(
                        contact.title(),
                        contact.firstName(),
                        contact.middleName(),
                        contact.lastName(),
                        contact.suffix())
                .filter(part -> part != null)
                .collect(Collectors.joining(" "));
        if (!names.isEmpty()) {
            return names;
        }
        if (contact.fileAs() != null) {
            return contact.fileAs();
        }
        if (contact.companyName() != null) {
            return contact.companyName();
        }
        if (!contact.emailAddresses().isEmpty()) {
            return contact.emailAddresses().get(0);
        }
        return contact.phones().values().stream().findFirst().orElse("");
    }

    private static void phones(VCard card, Contact.Builder contact) {
        Map<PhoneKind, String> phones = new EnumMap<>(PhoneKind.class);
        for (Telephone telephone : card.getTelephoneNumbers()) {
            String number = telephone.getText() != null
                    ? telephone.getText()
                    : telephone.getUri() == null ? null : telephone.getUri().getNumber();
            if (number == null || number.isEmpty()) {
                continue;
            }
            Set<String> types = telephone.getTypes().stream()
                    .map(type -> type.getValue().toLowerCase(Locale.ROOT))
                    .collect(Collectors.toSet());
            PhoneKind kind = phoneKind(types, phones);
            if (phones.containsKey(kind)) {
                throw new IllegalArgumentException("more telephone numbers of kind " + types + " than a contact keeps");
            }
            phones.put(kind, number);
        }
        contact.phones(phones);
    }

    private static PhoneKind phoneKind(Set<String> types, Map<PhoneKind, String> taken) {
        if (types.contains("fax")) {
            return types.contains("home") ? PhoneKind.HOME_FAX : PhoneKind.BUSINESS_FAX;
        }
        if (types.contains("cell")) {
            return PhoneKind.MOBILE;
        }
        if (types.contains("car")) {
            return PhoneKind.CAR;
        }
        if (types.contains("pager")) {
            return PhoneKind.PAGER;
        }
        if (types.contains("x-radio")) {
            return PhoneKind.RADIO;
        }
        if (types.contains("x-assistant")) {
            return PhoneKind.ASSISTANT;
        }
        if (types.contains("x-company-main")) {
            return PhoneKind.COMPANY_MAIN;
        }
        if (types.contains("x-mms")) {
            return PhoneKind.MMS;
        }
        if (types.contains("work")) {
            return types.contains(SECOND) || taken.containsKey(PhoneKind.BUSINESS)
                    ? PhoneKind.BUSINESS2
                    : PhoneKind.BUSINESS;
        }
        return types.contains(SECOND) || taken.containsKey(PhoneKind.HOME) ? PhoneKind.HOME2 : PhoneKind.HOME;
    }

    private static void addresses(VCard card, Contact.Builder contact) {
        Map<AddressKind, PostalAddress> addresses = new EnumMap<>(AddressKind.class);
        for (Address address : card.getAddresses()) {
            AddressKind kind = address.getTypes().contains(AddressType.WORK)
                    ? AddressKind.BUSINESS
                    : address.getTypes().contains(AddressType.HOME) ? AddressKind.HOME : AddressKind.OTHER;
            String street =
                    address.getStreetAddresses().isEmpty() ? null : String.join("\n", address.getStreetAddresses());
            if (Stream.of(
                            street,
                            address.getLocality(),
                            address.getRegion(),
                            address.getPostalCode(),
                            address.getCountry())
                    .allMatch(part -> part == null || part.isEmpty())) {
                continue;
            }
            if (addresses.containsKey(kind)) {
                throw new IllegalArgumentException("more than one "
                        + kind.name().toLowerCase(Locale.ROOT) + " address; a contact keeps one of each kind");
            }
            addresses.put(
                    kind,
                    new PostalAddress(
                            street,
                            address.getLocality(),
                            address.getRegion(),
                            address.getPostalCode(),
                            address.getCountry()));
        }
        contact.addresses(addresses);
    }

    private static Address address(AddressKind kind, PostalAddress postal) {
        Address address = new Address();
        if (postal.street() != null) {
            address.getStreetAddresses().addAll(List.of(postal.street().split("\n", -1)));
        }
        address.setLocality(postal.city());
        address.setRegion(postal.state());
        address.setPostalCode(postal.postalCode());
        address.setCountry(postal.country());
        switch (kind) {
            case BUSINESS -> address.getTypes().add(AddressType.WORK);
            case HOME -> address.getTypes().add(AddressType.HOME);
            case OTHER -> {}
        }
        return address;
    }

    private static @Nullable LocalDate date(@Nullable DateOrTimeProperty property, String what) {
        if (property == null) {
            return null;
        }
        if (property.getDate() instanceof LocalDate date) {
            return date;
        }
        if (property.getDate() != null) {
            try {
                return LocalDate.from(property.getDate());
            } catch (DateTimeException e) {
                throw new IllegalArgumentException(what + " is not a whole date: " + property.getDate());
            }
        }
        throw new IllegalArgumentException(what + " is not a whole date: "
                + (property.getText() != null ? property.getText() : String.valueOf(property.getPartialDate())));
    }

    private static Related related(String text, RelatedType type) {
        Related related = new Related();
        related.setText(text);
        related.getTypes().add(type);
        return related;
    }

    private static List<String> imAddresses(VCard card) {
        record Ranked(int pref, int order, String value) {}
        List<Ranked> ranked = new ArrayList<>();
        for (Impp impp : card.getImpps()) {
            if (impp.getUri() != null) {
                ranked.add(new Ranked(pref(impp), ranked.size(), impp.getUri().toString()));
            }
        }
        for (RawProperty im : card.getExtendedProperties(IM)) {
            if (im.getValue() != null && !im.getValue().isEmpty()) {
                ranked.add(new Ranked(pref(im), ranked.size(), im.getValue()));
            }
        }
        if (ranked.size() > Contact.MAX_IM_ADDRESSES) {
            throw new IllegalArgumentException(
                    ranked.size() + " IM addresses; a contact keeps " + Contact.MAX_IM_ADDRESSES);
        }
        return ranked.stream()
                .sorted(Comparator.comparingInt(Ranked::pref).thenComparingInt(Ranked::order))
                .map(Ranked::value)
                .toList();
    }

    private static int pref(VCardProperty property) {
        String pref = property.getParameters().first(ORDER);
        try {
            return pref == null ? Integer.MAX_VALUE : Integer.parseInt(pref);
        } catch (NumberFormatException e) {
            return Integer.MAX_VALUE;
        }
    }

    private static boolean isUri(String value) {
        try {
            URI uri = new URI(value);
            return uri.getScheme() != null && uri.isOpaque();
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private static void extended(VCard card, String name, @Nullable String value) {
        if (value != null) {
            card.addExtendedProperty(name, value);
        }
    }

    private static @Nullable String extended(VCard card, String name) {
        RawProperty property = card.getExtendedProperty(name);
        return property == null ? null : property.getValue();
    }

    private static ImageType imageType(byte[] bytes) {
        if (bytes.length >= 4 && (bytes[0] & 0xFF) == 0x89 && bytes[1] == 'P' && bytes[2] == 'N' && bytes[3] == 'G') {
            return ImageType.PNG;
        }
        if (bytes.length >= 3 && bytes[0] == 'G' && bytes[1] == 'I' && bytes[2] == 'F') {
            return ImageType.GIF;
        }
        return ImageType.JPEG;
    }
}
