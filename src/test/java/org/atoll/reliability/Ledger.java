package org.atoll.reliability;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** What a run saw: counts of what happened and the violations of an invariant, in the order they were found. */
final class Ledger {

    private final Map<String, Integer> counts = new TreeMap<>();
    private final List<String> violations = new ArrayList<>();

    synchronized void count(String what) {
        counts.merge(what, 1, Integer::sum);
    }

    synchronized void violation(String what) {
        violations.add(what);
    }

    synchronized Map<String, Integer> counts() {
        return new TreeMap<>(counts);
    }

    synchronized List<String> violations() {
        return List.copyOf(violations);
    }
}
