package org.atoll.api;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Base64;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.atoll.contacts.AddressKind;
import org.atoll.contacts.Contact;
import org.atoll.contacts.ContactPicture;
import org.atoll.contacts.PhoneKind;
import org.atoll.contacts.PostalAddress;
import org.atoll.mailbox.ContactContent;
import org.atoll.mailbox.ContactView;
import org.jspecify.annotations.Nullable;

/** What the contact resources read and write: every property of a {@link Contact}, by the names it has there. */
final class ContactDtos {

    /** The longest value of a short text property (a name, an address, a number). */
    static final int MAX_TEXT = 4096;

    private ContactDtos() {}

    /** One postal address; at least one part is given. */
    record AddressDto(
            @Nullable String street,
            @Nullable String city,
            @Nullable String state,
            @Nullable String postalCode,
            @Nullable String country) {

        static AddressDto of(PostalAddress address) {
            return new AddressDto(
                    address.street(), address.city(), address.state(), address.postalCode(), address.country());
        }

        PostalAddress address() {
            return new PostalAddress(
                    text(street, "street"),
                    text(city, "city"),
                    text(state, "state"),
                    text(postalCode, "postalCode"),
                    text(country, "country"));
        }
    }

    /**
     * A contact as the API shows it.
     *
     * @param phones numbers by kind, the kind in lower case ({@code business}, {@code home_fax}, ...)
     * @param addresses addresses by kind: {@code business}, {@code home}, {@code other}
     * @param picture the picture's bytes in base64; only in a single contact's representation, null in lists
     */
    record ContactDto(
            long id,
            long folderId,
            @Nullable String fileAs,
            @Nullable String firstName,
            @Nullable String middleName,
            @Nullable String lastName,
            @Nullable String title,
            @Nullable String suffix,
            @Nullable String nickName,
            @Nullable String yomiFirstName,
            @Nullable String yomiLastName,
            @Nullable String companyName,
            @Nullable String yomiCompanyName,
            @Nullable String department,
            @Nullable String jobTitle,
            @Nullable String officeLocation,
            List<String> emailAddresses,
            Map<String, String> phones,
            Map<String, AddressDto> addresses,
            @Nullable LocalDate birthday,
            @Nullable LocalDate anniversary,
            @Nullable String webPage,
            @Nullable String spouse,
            List<String> children,
            @Nullable String managerName,
            @Nullable String assistantName,
            List<String> imAddresses,
            @Nullable String customerId,
            @Nullable String governmentId,
            @Nullable String accountName,
            List<String> categories,
            @Nullable String body,
            boolean hasPicture,
            @Nullable String picture,
            Instant lastModified) {

        /** The contact with its picture, as one contact is read. */
        static ContactDto whole(ContactView view) {
            return of(view, true);
        }

        /** The contact without its picture's bytes, as lists show it. */
        static ContactDto listed(ContactView view) {
            return of(view, false);
        }

        private static ContactDto of(ContactView view, boolean withPicture) {
            Contact contact = view.contact();
            Map<String, String> phones = new LinkedHashMap<>();
            contact.phones().forEach((kind, number) -> phones.put(name(kind), number));
            Map<String, AddressDto> addresses = new LinkedHashMap<>();
            contact.addresses().forEach((kind, address) -> addresses.put(name(kind), AddressDto.of(address)));
            String picture = withPicture && contact.picture() instanceof ContactPicture.Inline inline
                    ? Base64.getEncoder().encodeToString(inline.bytes())
                    : null;
            return new ContactDto(
                    view.id(),
                    view.folderId(),
                    contact.fileAs(),
                    contact.firstName(),
                    contact.middleName(),
                    contact.lastName(),
                    contact.title(),
                    contact.suffix(),
                    contact.nickName(),
                    contact.yomiFirstName(),
                    contact.yomiLastName(),
                    contact.companyName(),
                    contact.yomiCompanyName(),
                    contact.department(),
                    contact.jobTitle(),
                    contact.officeLocation(),
                    contact.emailAddresses(),
                    phones,
                    addresses,
                    contact.birthday(),
                    contact.anniversary(),
                    contact.webPage(),
                    contact.spouse(),
                    contact.children(),
                    contact.managerName(),
                    contact.assistantName(),
                    contact.imAddresses(),
                    contact.customerId(),
                    contact.governmentId(),
                    contact.accountName(),
                    contact.categories(),
                    contact.body(),
                    contact.picture() != null,
                    picture,
                    view.lastModified());
        }
    }

    /**
     * What a client writes of a contact: the whole contact, what it leaves out is absent. A new contact without a
     * folder goes to the default Contacts folder; a replaced one stays in its folder.
     */
    record WriteContact(
            @Nullable Long folderId,
            @Nullable String fileAs,
            @Nullable String firstName,
            @Nullable String middleName,
            @Nullable String lastName,
            @Nullable String title,
            @Nullable String suffix,
            @Nullable String nickName,
            @Nullable String yomiFirstName,
            @Nullable String yomiLastName,
            @Nullable String companyName,
            @Nullable String yomiCompanyName,
            @Nullable String department,
            @Nullable String jobTitle,
            @Nullable String officeLocation,
            @Nullable List<String> emailAddresses,
            @Nullable Map<String, String> phones,
            @Nullable Map<String, AddressDto> addresses,
            @Nullable LocalDate birthday,
            @Nullable LocalDate anniversary,
            @Nullable String webPage,
            @Nullable String spouse,
            @Nullable List<String> children,
            @Nullable String managerName,
            @Nullable String assistantName,
            @Nullable List<String> imAddresses,
            @Nullable String customerId,
            @Nullable String governmentId,
            @Nullable String accountName,
            @Nullable List<String> categories,
            @Nullable String body,
            @Nullable String picture) {

        /** @throws InvalidApiRequest when a value breaks what a contact may hold; the message says which */
        ContactContent content() {
            try {
                Contact.Builder contact = Contact.builder()
                        .fileAs(text(fileAs, "fileAs"))
                        .firstName(text(firstName, "firstName"))
                        .middleName(text(middleName, "middleName"))
                        .lastName(text(lastName, "lastName"))
                        .title(text(title, "title"))
                        .suffix(text(suffix, "suffix"))
                        .nickName(text(nickName, "nickName"))
                        .yomiFirstName(text(yomiFirstName, "yomiFirstName"))
                        .yomiLastName(text(yomiLastName, "yomiLastName"))
                        .companyName(text(companyName, "companyName"))
                        .yomiCompanyName(text(yomiCompanyName, "yomiCompanyName"))
                        .department(text(department, "department"))
                        .jobTitle(text(jobTitle, "jobTitle"))
                        .officeLocation(text(officeLocation, "officeLocation"))
                        .emailAddresses(texts(emailAddresses, "emailAddresses"))
                        .birthday(birthday)
                        .anniversary(anniversary)
                        .webPage(text(webPage, "webPage"))
                        .spouse(text(spouse, "spouse"))
                        .children(texts(children, "children"))
                        .managerName(text(managerName, "managerName"))
                        .assistantName(text(assistantName, "assistantName"))
                        .imAddresses(texts(imAddresses, "imAddresses"))
                        .customerId(text(customerId, "customerId"))
                        .governmentId(text(governmentId, "governmentId"))
                        .accountName(text(accountName, "accountName"))
                        .categories(texts(categories, "categories"))
                        .body(body);
                if (phones != null) {
                    Map<PhoneKind, String> numbers = new EnumMap<>(PhoneKind.class);
                    phones.forEach((kind, number) ->
                            numbers.put(kind(PhoneKind.class, kind, "phones"), text(number, "phones." + kind)));
                    contact.phones(numbers);
                }
                if (addresses != null) {
                    Map<AddressKind, PostalAddress> postal = new EnumMap<>(AddressKind.class);
                    addresses.forEach((kind, address) -> {
                        if (address == null) {
                            throw new InvalidApiRequest("addresses." + kind + " is null");
                        }
                        postal.put(kind(AddressKind.class, kind, "addresses"), address.address());
                    });
                    contact.addresses(postal);
                }
                if (picture != null) {
                    contact.picture(
                            new ContactPicture.Inline(Base64.getDecoder().decode(picture)));
                }
                return new ContactContent(contact.build());
            } catch (IllegalArgumentException e) {
                throw new InvalidApiRequest("The contact cannot be stored: " + e.getMessage());
            }
        }
    }

    /** A card of an imported vCard file that was stored: its position in the file, from 1, and the new contact. */
    record ImportedCard(int index, long id) {}

    /** A card of an imported vCard file that was not stored: its position in the file, from 1, and why. */
    record RefusedCard(int index, String reason) {}

    /** What an import of a vCard file did: the cards stored and the cards refused, each in file order. */
    record ContactImportDto(List<ImportedCard> created, List<RefusedCard> refused) {}

    static String name(Enum<?> kind) {
        return kind.name().toLowerCase(Locale.ROOT);
    }

    private static <E extends Enum<E>> E kind(Class<E> type, String name, String field) {
        for (E value : type.getEnumConstants()) {
            if (name(value).equals(name)) {
                return value;
            }
        }
        throw new InvalidApiRequest(field + " has no kind " + name);
    }

    private static @Nullable String text(@Nullable String value, String field) {
        if (value != null && value.length() > MAX_TEXT) {
            throw new InvalidApiRequest(field + " has at most " + MAX_TEXT + " characters");
        }
        return value;
    }

    private static List<String> texts(@Nullable List<String> values, String field) {
        if (values == null) {
            return List.of();
        }
        for (String value : values) {
            if (value == null) {
                throw new InvalidApiRequest(field + " holds null");
            }
            text(value, field);
        }
        return values;
    }
}
