package org.atoll.mailbox;

import java.util.EnumSet;
import java.util.Set;

/**
 * A property of a message that a change may touch alone, so that changes of different properties do not conflict
 * (MS-ASCMD 2.2.3.34): a device marking a message read and a reply recording its LastVerbExecuted meanwhile both
 * stand. The codes are bits of the journal's {@code properties} column.
 */
public enum MessageProperty {
    READ(1),
    FLAG(2),
    CATEGORIES(4),
    LAST_VERB(8);

    private final int bit;

    MessageProperty(int bit) {
        this.bit = bit;
    }

    public int bit() {
        return bit;
    }

    /** The properties of a bit set. */
    public static Set<MessageProperty> of(int bits) {
        Set<MessageProperty> properties = EnumSet.noneOf(MessageProperty.class);
        for (MessageProperty property : values()) {
            if ((bits & property.bit) != 0) {
                properties.add(property);
            }
        }
        return properties;
    }
}
