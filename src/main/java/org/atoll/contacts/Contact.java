package org.atoll.contacts;

import java.time.LocalDate;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A contact as the Contact class of ActiveSync knows it (MS-ASCNTC 2.2.2): names, organization, up to three e-mail
 * and IM addresses, telephone numbers and postal addresses by kind, birthday and anniversary, relations, categories,
 * notes (plain text) and a picture.
 *
 * <p>Immutable. Empty text is held as null, so "no value" has one form; lists and maps are copied, never null, and
 * hold no empty entries. {@link #builder()} and {@link #toBuilder()} make and change contacts.
 */
public record Contact(
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
        Map<PhoneKind, String> phones,
        Map<AddressKind, PostalAddress> addresses,
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
        @Nullable ContactPicture picture) {

    /** Email1Address to Email3Address (MS-ASCNTC 2.2.2.27 to 2.2.2.29). */
    public static final int MAX_EMAILS = 3;

    /** IMAddress to IMAddress3 (MS-ASCNTC 2.2.2.44 to 2.2.2.46). */
    public static final int MAX_IM_ADDRESSES = 3;

    public Contact {
        fileAs = blankToNull(fileAs);
        firstName = blankToNull(firstName);
        middleName = blankToNull(middleName);
        lastName = blankToNull(lastName);
        title = blankToNull(title);
        suffix = blankToNull(suffix);
        nickName = blankToNull(nickName);
        yomiFirstName = blankToNull(yomiFirstName);
        yomiLastName = blankToNull(yomiLastName);
        companyName = blankToNull(companyName);
        yomiCompanyName = blankToNull(yomiCompanyName);
        department = blankToNull(department);
        jobTitle = blankToNull(jobTitle);
        officeLocation = blankToNull(officeLocation);
        emailAddresses = texts(emailAddresses, "emailAddresses");
        webPage = blankToNull(webPage);
        spouse = blankToNull(spouse);
        children = texts(children, "children");
        managerName = blankToNull(managerName);
        assistantName = blankToNull(assistantName);
        imAddresses = texts(imAddresses, "imAddresses");
        customerId = blankToNull(customerId);
        governmentId = blankToNull(governmentId);
        accountName = blankToNull(accountName);
        categories = texts(categories, "categories");
        body = blankToNull(body);
        if (emailAddresses.size() > MAX_EMAILS) {
            throw new IllegalArgumentException("at most " + MAX_EMAILS + " e-mail addresses");
        }
        if (imAddresses.size() > MAX_IM_ADDRESSES) {
            throw new IllegalArgumentException("at most " + MAX_IM_ADDRESSES + " IM addresses");
        }
        phones = phones(phones);
        addresses = addresses(addresses);
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder()
                .fileAs(fileAs)
                .firstName(firstName)
                .middleName(middleName)
                .lastName(lastName)
                .title(title)
                .suffix(suffix)
                .nickName(nickName)
                .yomiFirstName(yomiFirstName)
                .yomiLastName(yomiLastName)
                .companyName(companyName)
                .yomiCompanyName(yomiCompanyName)
                .department(department)
                .jobTitle(jobTitle)
                .officeLocation(officeLocation)
                .emailAddresses(emailAddresses)
                .phones(phones)
                .addresses(addresses)
                .birthday(birthday)
                .anniversary(anniversary)
                .webPage(webPage)
                .spouse(spouse)
                .children(children)
                .managerName(managerName)
                .assistantName(assistantName)
                .imAddresses(imAddresses)
                .customerId(customerId)
                .governmentId(governmentId)
                .accountName(accountName)
                .categories(categories)
                .body(body)
                .picture(picture);
    }

    /**
     * Empty text as null.
     *
     * @throws IllegalArgumentException for text holding U+0000, which no device could receive (MS-ASWBXML inline
     *     strings end at it)
     */
    static @Nullable String blankToNull(@Nullable String value) {
        if (value != null && value.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("text must not contain U+0000");
        }
        return value == null || value.isEmpty() ? null : value;
    }

    private static List<String> texts(List<String> values, String what) {
        for (String value : values) {
            if (blankToNull(Objects.requireNonNull(value, what)) == null) {
                throw new IllegalArgumentException(what + " holds an empty entry");
            }
        }
        return List.copyOf(values);
    }

    private static Map<PhoneKind, String> phones(Map<PhoneKind, String> values) {
        EnumMap<PhoneKind, String> copy = new EnumMap<>(PhoneKind.class);
        values.forEach((kind, number) -> {
            if (blankToNull(number) == null) {
                throw new IllegalArgumentException("empty " + kind + " number");
            }
            copy.put(kind, number);
        });
        return Collections.unmodifiableMap(copy);
    }

    private static Map<AddressKind, PostalAddress> addresses(Map<AddressKind, PostalAddress> values) {
        EnumMap<AddressKind, PostalAddress> copy = new EnumMap<>(AddressKind.class);
        copy.putAll(values);
        return Collections.unmodifiableMap(copy);
    }

    /** Collects a contact's values; {@link #build()} checks them. */
    public static final class Builder {

        private @Nullable String fileAs;
        private @Nullable String firstName;
        private @Nullable String middleName;
        private @Nullable String lastName;
        private @Nullable String title;
        private @Nullable String suffix;
        private @Nullable String nickName;
        private @Nullable String yomiFirstName;
        private @Nullable String yomiLastName;
        private @Nullable String companyName;
        private @Nullable String yomiCompanyName;
        private @Nullable String department;
        private @Nullable String jobTitle;
        private @Nullable String officeLocation;
        private List<String> emailAddresses = List.of();
        private EnumMap<PhoneKind, String> phones = new EnumMap<>(PhoneKind.class);
        private EnumMap<AddressKind, PostalAddress> addresses = new EnumMap<>(AddressKind.class);
        private @Nullable LocalDate birthday;
        private @Nullable LocalDate anniversary;
        private @Nullable String webPage;
        private @Nullable String spouse;
        private List<String> children = List.of();
        private @Nullable String managerName;
        private @Nullable String assistantName;
        private List<String> imAddresses = List.of();
        private @Nullable String customerId;
        private @Nullable String governmentId;
        private @Nullable String accountName;
        private List<String> categories = List.of();
        private @Nullable String body;
        private @Nullable ContactPicture picture;

        private Builder() {}

        public Builder fileAs(@Nullable String value) {
            this.fileAs = value;
            return this;
        }

        public Builder firstName(@Nullable String value) {
            this.firstName = value;
            return this;
        }

        public Builder middleName(@Nullable String value) {
            this.middleName = value;
            return this;
        }

        public Builder lastName(@Nullable String value) {
            this.lastName = value;
            return this;
        }

        public Builder title(@Nullable String value) {
            this.title = value;
            return this;
        }

        public Builder suffix(@Nullable String value) {
            this.suffix = value;
            return this;
        }

        public Builder nickName(@Nullable String value) {
            this.nickName = value;
            return this;
        }

        public Builder yomiFirstName(@Nullable String value) {
            this.yomiFirstName = value;
            return this;
        }

        public Builder yomiLastName(@Nullable String value) {
            this.yomiLastName = value;
            return this;
        }

        public Builder companyName(@Nullable String value) {
            this.companyName = value;
            return this;
        }

        public Builder yomiCompanyName(@Nullable String value) {
            this.yomiCompanyName = value;
            return this;
        }

        public Builder department(@Nullable String value) {
            this.department = value;
            return this;
        }

        public Builder jobTitle(@Nullable String value) {
            this.jobTitle = value;
            return this;
        }

        public Builder officeLocation(@Nullable String value) {
            this.officeLocation = value;
            return this;
        }

        public Builder emailAddresses(List<String> value) {
            this.emailAddresses = value;
            return this;
        }

        public Builder birthday(@Nullable LocalDate value) {
            this.birthday = value;
            return this;
        }

        public Builder anniversary(@Nullable LocalDate value) {
            this.anniversary = value;
            return this;
        }

        public Builder webPage(@Nullable String value) {
            this.webPage = value;
            return this;
        }

        public Builder spouse(@Nullable String value) {
            this.spouse = value;
            return this;
        }

        public Builder children(List<String> value) {
            this.children = value;
            return this;
        }

        public Builder managerName(@Nullable String value) {
            this.managerName = value;
            return this;
        }

        public Builder assistantName(@Nullable String value) {
            this.assistantName = value;
            return this;
        }

        public Builder imAddresses(List<String> value) {
            this.imAddresses = value;
            return this;
        }

        public Builder customerId(@Nullable String value) {
            this.customerId = value;
            return this;
        }

        public Builder governmentId(@Nullable String value) {
            this.governmentId = value;
            return this;
        }

        public Builder accountName(@Nullable String value) {
            this.accountName = value;
            return this;
        }

        public Builder categories(List<String> value) {
            this.categories = value;
            return this;
        }

        public Builder body(@Nullable String value) {
            this.body = value;
            return this;
        }

        public Builder picture(@Nullable ContactPicture value) {
            this.picture = value;
            return this;
        }

        /** Sets one number; null or empty removes the number of that kind. */
        public Builder phone(PhoneKind kind, @Nullable String number) {
            String value = blankToNull(number);
            if (value == null) {
                phones.remove(kind);
            } else {
                phones.put(kind, value);
            }
            return this;
        }

        public Builder phones(Map<PhoneKind, String> values) {
            phones = new EnumMap<>(PhoneKind.class);
            values.forEach(this::phone);
            return this;
        }

        /** Sets one address; null removes the address of that kind. */
        public Builder address(AddressKind kind, @Nullable PostalAddress address) {
            if (address == null) {
                addresses.remove(kind);
            } else {
                addresses.put(kind, address);
            }
            return this;
        }

        public Builder addresses(Map<AddressKind, PostalAddress> values) {
            addresses = new EnumMap<>(AddressKind.class);
            values.forEach(this::address);
            return this;
        }

        public Contact build() {
            return new Contact(
                    fileAs,
                    firstName,
                    middleName,
                    lastName,
                    title,
                    suffix,
                    nickName,
                    yomiFirstName,
                    yomiLastName,
                    companyName,
                    yomiCompanyName,
                    department,
                    jobTitle,
                    officeLocation,
                    emailAddresses,
                    phones,
                    addresses,
                    birthday,
                    anniversary,
                    webPage,
                    spouse,
                    children,
                    managerName,
                    assistantName,
                    imAddresses,
                    customerId,
                    governmentId,
                    accountName,
                    categories,
                    body,
                    picture);
        }
    }
}
