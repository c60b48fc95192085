package org.atoll.sync.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What one request changes in what a device holds of a collection, kept until it is written with the collection's
 * state in one statement ({@link CollectionWrites}), and read through meanwhile: an item put or dropped here is
 * held or not whatever the table still says. Also what is known already of other items' held rows, so that they
 * are read once per request.
 */
public final class HeldChanges {

    private final Map<Long, HeldItem> puts = new LinkedHashMap<>();
    private final Set<Long> drops = new LinkedHashSet<>();
    private final Map<Long, HeldItem> known = new HashMap<>();
    private final Set<Long> knownAbsent = new HashSet<>();
    private boolean undoStarted;

    /** The device now holds the item in this state. */
    public void put(HeldItem item) {
        drops.remove(item.messageId());
        puts.put(item.messageId(), item);
    }

    /** The device no longer holds the item. */
    public void drop(long messageId) {
        puts.remove(messageId);
        drops.add(messageId);
    }

    /** Rows of the table read elsewhere in the request: {@code held} among {@code read}, the rest not held. */
    public void learn(Collection<Long> read, Map<Long, HeldItem> held) {
        for (Long id : read) {
            HeldItem item = held.get(id);
            if (item == null) {
                knownAbsent.add(id);
                known.remove(id);
            } else {
                known.put(id, item);
                knownAbsent.remove(id);
            }
        }
    }

    /** The ids among {@code ids} whose held state is neither changed nor known here. */
    public List<Long> unknown(Collection<Long> ids) {
        List<Long> unknown = new ArrayList<>();
        for (Long id : ids) {
            if (!puts.containsKey(id) && !drops.contains(id) && !known.containsKey(id) && !knownAbsent.contains(id)) {
                unknown.add(id);
            }
        }
        return unknown;
    }

    /** What the device holds among {@code ids} as far as this request knows, for ids not {@link #unknown}. */
    public Map<Long, HeldItem> held(Collection<Long> ids) {
        Map<Long, HeldItem> held = new HashMap<>();
        for (Long id : ids) {
            HeldItem item = puts.containsKey(id) ? puts.get(id) : drops.contains(id) ? null : known.get(id);
            if (item != null) {
                held.put(id, item);
            }
        }
        return held;
    }

    public boolean isEmpty() {
        return puts.isEmpty() && drops.isEmpty();
    }

    List<HeldItem> puts() {
        return List.copyOf(puts.values());
    }

    Set<Long> drops() {
        return Set.copyOf(drops);
    }

    /**
     * Whether this request already wrote held rows, and with them replaced the previous response's undo rows: its
     * later writes keep the rows as they were before the request.
     */
    boolean undoStarted() {
        return undoStarted;
    }

    /** The changes are written: the table now says what they said. */
    void written() {
        puts.values().forEach(item -> known.put(item.messageId(), item));
        drops.forEach(id -> {
            known.remove(id);
            knownAbsent.add(id);
        });
        puts.clear();
        drops.clear();
        undoStarted = true;
    }
}
