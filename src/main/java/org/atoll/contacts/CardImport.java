package org.atoll.contacts;

import java.util.List;

/**
 * What a vCard file held: the contacts of its well-formed cards, in file order, and the cards refused, each with
 * its position in the file (the first card is 1) and why.
 */
public record CardImport(List<Contact> accepted, List<Refused> refused) {

    public CardImport {
        accepted = List.copyOf(accepted);
        refused = List.copyOf(refused);
    }

    /** A card that was not taken: its position in the file, from 1, and the reason, safe to show and to log. */
    public record Refused(int position, String reason) {}
}
