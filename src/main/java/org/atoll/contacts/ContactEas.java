package org.atoll.contacts;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.atoll.wbxml.CodePage;
import org.atoll.wbxml.EasValues;
import org.atoll.wbxml.WbxmlElement;
import org.jspecify.annotations.Nullable;

/**
 * A {@link Contact} as the {@code ApplicationData} of a Sync or the {@code Properties} of an ItemOperations Fetch
 * (MS-ASCNTC 2.2.2, code pages Contacts 1 and Contacts2 12 of MS-ASWBXML 2.1.2.1), and back.
 *
 * <p>Versions are given as MS-ASHTTP 2.2.1.1.1.1 numbers them ({@code EasProtocolVersion.code()}: 121, 140, 141, 160,
 * 161), so this package needs nothing of the front end. The Contact class is the same in all of them from 12.0 on:
 * notes travel as {@code airsyncbase:Body} (MS-ASCNTC 2.2.2.7.1; {@code contacts:Body}, {@code BodySize} and
 * {@code BodyTruncated} are 2.5 only and refused), the picture is limited to 48 KB of base64 (2.2.2.58), birthday and
 * anniversary are dateTimes whose time a client ignores (2.2.2.6, 2.2.2.1). {@code Alias} and {@code WeightedRank}
 * belong to the recipient information cache, which a client never writes, and are refused in a client's item.
 *
 * <p>Limits on what a client sends: every element at most once, the picture at most {@link #MAX_PICTURE_BASE64}
 * characters of base64; the WBXML decoder bounds everything else.
 */
public final class ContactEas {

    /** MS-ASCNTC 2.2.2.58: 48 KB of base64; a larger picture from a client is Status 6. */
    public static final int MAX_PICTURE_BASE64 = 48 * 1024;

    private static final CodePage CONTACTS = CodePage.CONTACTS;
    private static final CodePage CONTACTS2 = CodePage.CONTACTS2;
    private static final CodePage BASE = CodePage.AIRSYNCBASE;

    private static final Map<PhoneKind, String> PHONE_TAGS = new EnumMap<>(Map.ofEntries(
            Map.entry(PhoneKind.BUSINESS, "BusinessPhoneNumber"),
            Map.entry(PhoneKind.BUSINESS2, "Business2PhoneNumber"),
            Map.entry(PhoneKind.HOME, "HomePhoneNumber"),
            Map.entry(PhoneKind.HOME2, "Home2PhoneNumber"),
            Map.entry(PhoneKind.MOBILE, "MobilePhoneNumber"),
            Map.entry(PhoneKind.CAR, "CarPhoneNumber"),
            Map.entry(PhoneKind.PAGER, "PagerNumber"),
            Map.entry(PhoneKind.RADIO, "RadioPhoneNumber"),
            Map.entry(PhoneKind.BUSINESS_FAX, "BusinessFaxNumber"),
            Map.entry(PhoneKind.HOME_FAX, "HomeFaxNumber"),
            Map.entry(PhoneKind.ASSISTANT, "AssistantPhoneNumber"),
            Map.entry(PhoneKind.COMPANY_MAIN, "CompanyMainPhone"),
            Map.entry(PhoneKind.MMS, "MMS")));

    /** The two phone kinds of the Contacts2 page (MS-ASCNTC 2.2.2.19, 2.2.2.57). */
    private static final Set<PhoneKind> CONTACTS2_PHONES = Set.of(PhoneKind.COMPANY_MAIN, PhoneKind.MMS);

    private static final Map<AddressKind, String> ADDRESS_PREFIXES = new EnumMap<>(Map.of(
            AddressKind.BUSINESS,
            "BusinessAddress",
            AddressKind.HOME,
            "HomeAddress",
            AddressKind.OTHER,
            "OtherAddress"));

    /** Contacts-page elements a client may not send: 2.5's body and the recipient information cache's own. */
    private static final Set<String> REFUSED = Set.of("Body", "BodySize", "BodyTruncated", "Alias", "WeightedRank");

    private ContactEas() {}

    /**
     * The contact as {@code airsync:ApplicationData}: the notes first, as a plain-text {@code airsyncbase:Body}
     * (always present, as Exchange writes it), then the Contacts and Contacts2 elements in token order, then
     * {@code airsyncbase:NativeBodyType}. Absent values are left out. A picture larger than the limit is left out,
     * since no device may receive it.
     *
     * @param protocolVersion the device's version, e.g. 141
     * @param bodyTruncationSize the device's TruncationSize for plain text (MS-ASAIRS 2.2.2.40.1), or null for the
     *     whole notes
     * @throws IllegalArgumentException for an unknown version, or a picture held only as a {@link ContactPicture.Stored}
     *     reference (resolve it first)
     */
    public static WbxmlElement applicationData(
            Contact contact, int protocolVersion, @Nullable Long bodyTruncationSize) {
        EasValues.checkVersion(protocolVersion);
        WbxmlElement data = WbxmlElement.of(CodePage.AIRSYNC, "ApplicationData");
        data.add(EasValues.body(contact.body(), bodyTruncationSize));
        Map<String, String> texts = contactsTexts(contact);
        for (String tag : CONTACTS.tags().values()) {
            switch (tag) {
                case "Categories" -> container(data, "Categories", "Category", contact.categories());
                case "Children" -> container(data, "Children", "Child", contact.children());
                case "Picture" -> picture(contact.picture()).ifPresent(data::add);
                default -> {
                    String value = texts.get(tag);
                    if (value != null) {
                        data.add(CONTACTS, tag, value);
                    }
                }
            }
        }
        Map<String, String> texts2 = contacts2Texts(contact);
        for (String tag : CONTACTS2.tags().values()) {
            String value = texts2.get(tag);
            if (value != null) {
                data.add(CONTACTS2, tag, value);
            }
        }
        data.add(BASE, "NativeBodyType", "1");
        return data;
    }

    /**
     * The contact a client sent as the {@code ApplicationData} of a Sync Add or Change. What the client leaves out
     * is absent from the result (a Change replaces the whole item; ghosted properties are the caller's business).
     *
     * @throws MalformedContact when the item breaks MS-ASCNTC: a dateTime of another form, an element of another
     *     class or one a client may not send, an element given twice, a container with text or text with children,
     *     a picture that is not base64 or is over {@link #MAX_PICTURE_BASE64}, a notes body that is neither plain
     *     text nor HTML
     */
    public static Contact read(WbxmlElement applicationData, int protocolVersion) throws MalformedContact {
        EasValues.checkVersion(protocolVersion);
        Map<String, String> texts = new HashMap<>();
        Map<String, String> texts2 = new HashMap<>();
        Set<String> seen = new HashSet<>();
        Contact.Builder contact = Contact.builder();
        for (WbxmlElement element : applicationData.children()) {
            if (!seen.add(element.qualifiedName())) {
                throw new MalformedContact(element.qualifiedName() + " given twice");
            }
            if (element.page() == CONTACTS) {
                switch (element.name()) {
                    case "Categories" -> contact.categories(entries(element, "Category"));
                    case "Children" -> contact.children(entries(element, "Child"));
                    case "Picture" -> contact.picture(readPicture(element));
                    default -> {
                        if (element.name().equals("Category") || element.name().equals("Child")) {
                            throw new MalformedContact(element.qualifiedName() + " outside its container");
                        }
                        if (REFUSED.contains(element.name())) {
                            throw new MalformedContact(element.qualifiedName() + " is not sent by a client at "
                                    + "protocol 12.0 or later (MS-ASCNTC 2.2.2)");
                        }
                        texts.put(element.name(), text(element));
                    }
                }
            } else if (element.page() == CONTACTS2) {
                texts2.put(element.name(), text(element));
            } else if (element.page() == BASE && element.name().equals("Body")) {
                try {
                    contact.body(EasValues.bodyText(element));
                } catch (IllegalArgumentException e) {
                    throw new MalformedContact(e.getMessage());
                }
            } else if (!(element.page() == BASE && element.name().equals("NativeBodyType"))) {
                throw new MalformedContact(element.qualifiedName() + " is not an element of the Contact class");
            }
        }
        try {
            fill(contact, texts, texts2);
            return contact.build();
        } catch (IllegalArgumentException e) {
            throw new MalformedContact(e.getMessage());
        }
    }

    private static Map<String, String> contactsTexts(Contact contact) {
        Map<String, String> texts = new HashMap<>();
        put(texts, "FileAs", contact.fileAs());
        put(texts, "FirstName", contact.firstName());
        put(texts, "MiddleName", contact.middleName());
        put(texts, "LastName", contact.lastName());
        put(texts, "Title", contact.title());
        put(texts, "Suffix", contact.suffix());
        put(texts, "YomiFirstName", contact.yomiFirstName());
        put(texts, "YomiLastName", contact.yomiLastName());
        put(texts, "CompanyName", contact.companyName());
        put(texts, "YomiCompanyName", contact.yomiCompanyName());
        put(texts, "Department", contact.department());
        put(texts, "JobTitle", contact.jobTitle());
        put(texts, "OfficeLocation", contact.officeLocation());
        for (int i = 0; i < contact.emailAddresses().size(); i++) {
            texts.put("Email" + (i + 1) + "Address", contact.emailAddresses().get(i));
        }
        contact.phones().forEach((kind, number) -> {
            if (!CONTACTS2_PHONES.contains(kind)) {
                texts.put(PHONE_TAGS.get(kind), number);
            }
        });
        contact.addresses().forEach((kind, address) -> {
            String prefix = ADDRESS_PREFIXES.get(kind);
            put(texts, prefix + "Street", address.street());
            put(texts, prefix + "City", address.city());
            put(texts, prefix + "State", address.state());
            put(texts, prefix + "PostalCode", address.postalCode());
            put(texts, prefix + "Country", address.country());
        });
        if (contact.birthday() != null) {
            texts.put("Birthday", ContactDates.date(contact.birthday()));
        }
        if (contact.anniversary() != null) {
            texts.put("Anniversary", ContactDates.date(contact.anniversary()));
        }
        put(texts, "WebPage", contact.webPage());
        put(texts, "Spouse", contact.spouse());
        put(texts, "AssistantName", contact.assistantName());
        return texts;
    }

    private static Map<String, String> contacts2Texts(Contact contact) {
        Map<String, String> texts = new HashMap<>();
        put(texts, "CustomerId", contact.customerId());
        put(texts, "GovernmentId", contact.governmentId());
        for (int i = 0; i < contact.imAddresses().size(); i++) {
            texts.put(
                    i == 0 ? "IMAddress" : "IMAddress" + (i + 1),
                    contact.imAddresses().get(i));
        }
        put(texts, "ManagerName", contact.managerName());
        put(texts, "AccountName", contact.accountName());
        put(texts, "NickName", contact.nickName());
        for (PhoneKind kind : CONTACTS2_PHONES) {
            put(texts, PHONE_TAGS.get(kind), contact.phones().get(kind));
        }
        return texts;
    }

    private static void fill(Contact.Builder contact, Map<String, String> texts, Map<String, String> texts2)
            throws MalformedContact {
        contact.fileAs(texts.get("FileAs"))
                .firstName(texts.get("FirstName"))
                .middleName(texts.get("MiddleName"))
                .lastName(texts.get("LastName"))
                .title(texts.get("Title"))
                .suffix(texts.get("Suffix"))
                .yomiFirstName(texts.get("YomiFirstName"))
                .yomiLastName(texts.get("YomiLastName"))
                .companyName(texts.get("CompanyName"))
                .yomiCompanyName(texts.get("YomiCompanyName"))
                .department(texts.get("Department"))
                .jobTitle(texts.get("JobTitle"))
                .officeLocation(texts.get("OfficeLocation"))
                .webPage(texts.get("WebPage"))
                .spouse(texts.get("Spouse"))
                .assistantName(texts.get("AssistantName"))
                .birthday(date(texts, "Birthday"))
                .anniversary(date(texts, "Anniversary"))
                .customerId(texts2.get("CustomerId"))
                .governmentId(texts2.get("GovernmentId"))
                .managerName(texts2.get("ManagerName"))
                .accountName(texts2.get("AccountName"))
                .nickName(texts2.get("NickName"));
        List<String> emails = new ArrayList<>();
        for (int i = 1; i <= Contact.MAX_EMAILS; i++) {
            String email = texts.get("Email" + i + "Address");
            if (email != null) {
                emails.add(email);
            }
        }
        contact.emailAddresses(emails);
        List<String> ims = new ArrayList<>();
        for (String tag : List.of("IMAddress", "IMAddress2", "IMAddress3")) {
            String im = texts2.get(tag);
            if (im != null) {
                ims.add(im);
            }
        }
        contact.imAddresses(ims);
        PHONE_TAGS.forEach(
                (kind, tag) -> contact.phone(kind, (CONTACTS2_PHONES.contains(kind) ? texts2 : texts).get(tag)));
        for (Map.Entry<AddressKind, String> entry : ADDRESS_PREFIXES.entrySet()) {
            String prefix = entry.getValue();
            String street = Contact.blankToNull(texts.get(prefix + "Street"));
            String city = Contact.blankToNull(texts.get(prefix + "City"));
            String state = Contact.blankToNull(texts.get(prefix + "State"));
            String postalCode = Contact.blankToNull(texts.get(prefix + "PostalCode"));
            String country = Contact.blankToNull(texts.get(prefix + "Country"));
            if (street != null || city != null || state != null || postalCode != null || country != null) {
                contact.address(entry.getKey(), new PostalAddress(street, city, state, postalCode, country));
            }
        }
    }

    private static @Nullable LocalDate date(Map<String, String> texts, String tag) throws MalformedContact {
        String text = texts.get(tag);
        if (text == null) {
            return null;
        }
        try {
            return ContactDates.parseDate(text);
        } catch (DateTimeParseException e) {
            throw new MalformedContact("Contacts:" + tag + " is not a dateTime (MS-ASDTYPE 2.3): " + text);
        }
    }

    private static void put(Map<String, String> texts, String tag, @Nullable String value) {
        if (value != null) {
            texts.put(tag, value);
        }
    }

    private static void container(WbxmlElement data, String name, String entryName, List<String> values) {
        if (!values.isEmpty()) {
            WbxmlElement container = WbxmlElement.of(CONTACTS, name);
            values.forEach(value -> container.add(entryName, value));
            data.add(container);
        }
    }

    private static Optional<WbxmlElement> picture(@Nullable ContactPicture picture) {
        if (picture == null) {
            return Optional.empty();
        }
        if (!(picture instanceof ContactPicture.Inline inline)) {
            throw new IllegalArgumentException("a stored picture is resolved before it is written");
        }
        String base64 = Base64.getEncoder().encodeToString(inline.bytes());
        return base64.length() > MAX_PICTURE_BASE64
                ? Optional.empty()
                : Optional.of(WbxmlElement.text(CONTACTS, "Picture", base64));
    }

    private static @Nullable ContactPicture readPicture(WbxmlElement element) throws MalformedContact {
        if (!element.children().isEmpty()) {
            throw new MalformedContact("Contacts:Picture holds elements");
        }
        byte[] bytes = element.opaque().orElse(null);
        if (bytes == null) {
            String text = element.text().orElse(null);
            if (text == null) {
                return null;
            }
            String base64 = text.replaceAll("\\s", "");
            if (base64.length() > MAX_PICTURE_BASE64) {
                throw new MalformedContact("Contacts:Picture is over 48 KB of base64 (MS-ASCNTC 2.2.2.58)");
            }
            try {
                bytes = Base64.getDecoder().decode(base64);
            } catch (IllegalArgumentException e) {
                throw new MalformedContact("Contacts:Picture is not base64");
            }
        } else if ((bytes.length + 2L) / 3 * 4 > MAX_PICTURE_BASE64) {
            throw new MalformedContact("Contacts:Picture is over 48 KB of base64 (MS-ASCNTC 2.2.2.58)");
        }
        return bytes.length == 0 ? null : new ContactPicture.Inline(bytes);
    }

    private static List<String> entries(WbxmlElement container, String entryName) throws MalformedContact {
        if (container.text().isPresent() || container.opaque().isPresent()) {
            throw new MalformedContact(container.qualifiedName() + " holds text where its entries belong");
        }
        List<String> values = new ArrayList<>();
        for (WbxmlElement entry : container.children()) {
            if (entry.page() != CONTACTS || !entry.name().equals(entryName)) {
                throw new MalformedContact(container.qualifiedName() + " holds " + entry.qualifiedName());
            }
            String value = text(entry);
            if (!value.isEmpty()) {
                values.add(value);
            }
        }
        return values;
    }

    private static String text(WbxmlElement element) throws MalformedContact {
        if (!element.children().isEmpty() || element.opaque().isPresent()) {
            throw new MalformedContact(element.qualifiedName() + " holds elements or bytes where text belongs");
        }
        return element.text().orElse("");
    }
}
