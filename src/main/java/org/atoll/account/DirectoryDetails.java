package org.atoll.account;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What the directory shows of a person besides name and address: the GAL properties of MS-ASCMD 2.2.3.139.3 that an
 * administrator keeps per account. Each is optional; a blank value is no value. Built through {@link #of}, which
 * strips and checks them.
 *
 * @param firstName GAL FirstName (MS-ASCMD 2.2.3.70)
 * @param lastName GAL LastName (2.2.3.95)
 * @param company GAL Company (2.2.3.33)
 * @param title the job title, GAL Title (2.2.3.182)
 * @param office the office location, GAL Office (2.2.3.121)
 * @param phone the office phone, GAL Phone (2.2.3.133)
 * @param mobilePhone GAL MobilePhone (2.2.3.114)
 */
public record DirectoryDetails(
        @Nullable String firstName,
        @Nullable String lastName,
        @Nullable String company,
        @Nullable String title,
        @Nullable String office,
        @Nullable String phone,
        @Nullable String mobilePhone) {

    /** Longest first or last name, in characters. */
    public static final int MAX_NAME_LENGTH = 64;

    /** Longest company, job title or office, in characters. */
    public static final int MAX_TEXT_LENGTH = 128;

    /** Longest phone number, in characters. */
    public static final int MAX_PHONE_LENGTH = 32;

    /** No details at all. */
    public static final DirectoryDetails NONE = new DirectoryDetails(null, null, null, null, null, null, null);

    /**
     * The details with each value stripped and a blank one dropped.
     *
     * @throws InvalidAccountData when a value is too long or holds a control character
     */
    public static DirectoryDetails of(
            @Nullable String firstName,
            @Nullable String lastName,
            @Nullable String company,
            @Nullable String title,
            @Nullable String office,
            @Nullable String phone,
            @Nullable String mobilePhone) {
        return new DirectoryDetails(
                checked("first name", firstName, MAX_NAME_LENGTH),
                checked("last name", lastName, MAX_NAME_LENGTH),
                checked("company", company, MAX_TEXT_LENGTH),
                checked("job title", title, MAX_TEXT_LENGTH),
                checked("office", office, MAX_TEXT_LENGTH),
                checked("office phone", phone, MAX_PHONE_LENGTH),
                checked("mobile phone", mobilePhone, MAX_PHONE_LENGTH));
    }

    /** The names of the details that differ from {@code other}'s, for the audit trail. */
    List<String> differencesFrom(DirectoryDetails other) {
        List<String> changed = new ArrayList<>();
        differ(changed, "first name", firstName, other.firstName);
        differ(changed, "last name", lastName, other.lastName);
        differ(changed, "company", company, other.company);
        differ(changed, "job title", title, other.title);
        differ(changed, "office", office, other.office);
        differ(changed, "office phone", phone, other.phone);
        differ(changed, "mobile phone", mobilePhone, other.mobilePhone);
        return changed;
    }

    private static void differ(List<String> changed, String name, @Nullable String a, @Nullable String b) {
        if (!Objects.equals(a, b)) {
            changed.add(name);
        }
    }

    private static @Nullable String checked(String field, @Nullable String value, int maxLength) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String text = value.strip();
        if (text.codePointCount(0, text.length()) > maxLength || text.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidAccountData("The " + field + " must be at most " + maxLength + " printable characters");
        }
        return text;
    }
}
