package org.atoll.contacts;

import org.jspecify.annotations.Nullable;

/**
 * One postal address of a contact. The street may span several lines. Empty parts are held as null, and an address
 * with no part at all is refused, so a contact either has an address of a kind or has none.
 */
public record PostalAddress(
        @Nullable String street,
        @Nullable String city,
        @Nullable String state,
        @Nullable String postalCode,
        @Nullable String country) {

    public PostalAddress {
        street = Contact.blankToNull(street);
        city = Contact.blankToNull(city);
        state = Contact.blankToNull(state);
        postalCode = Contact.blankToNull(postalCode);
        country = Contact.blankToNull(country);
        if (street == null && city == null && state == null && postalCode == null && country == null) {
            throw new IllegalArgumentException("an address needs at least one part");
        }
    }
}
