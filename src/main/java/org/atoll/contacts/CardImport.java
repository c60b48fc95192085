package org.atoll.contacts;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What a vCard file held: the contacts of its well-formed cards, in file order, and the cards refused, each with
 * its position in the file (the first card is 1) and why.
 */
public record CardImport(List<Contact> accepted, List<Refused> refused) {

    public CardImport {
        accepted = List.copyOf(accepted);
        refused = List.copyOf(refused);
    }

    /** The position in the file of each accepted card, from 1, in the order of {@link #accepted()}. */
    public List<Integer> acceptedPositions() {
        Set<Integer> refusedAt = new HashSet<>();
        refused.forEach(card -> refusedAt.add(card.position()));
        List<Integer> positions = new ArrayList<>(accepted.size());
        for (int position = 1; positions.size() < accepted.size(); position++) {
            if (!refusedAt.contains(position)) {
                positions.add(position);
            }
        }
        return positions;
    }

    /** A card that was not taken: its position in the file, from 1, and the reason, safe to show and to log. */
    public record Refused(int position, String reason) {}
}
