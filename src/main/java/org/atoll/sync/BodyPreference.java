package org.atoll.sync;

import org.jspecify.annotations.Nullable;

/**
 * One body format a device accepts for a collection, MS-ASAIRS 2.2.2.7 (BodyPreference).
 *
 * @param type 1 plain text, 2 HTML, 3 RTF, 4 MIME
 * @param truncationSize the most bytes of body wanted, null for all
 * @param allOrNone whether a body larger than {@code truncationSize} is to be left out instead of cut
 * @param preview how many characters of plain-text preview are wanted, 0 for none
 */
public record BodyPreference(int type, @Nullable Long truncationSize, boolean allOrNone, int preview) {

    public BodyPreference {
        if (type < 1 || type > 4 || preview < 0 || preview > 255 || (truncationSize != null && truncationSize < 0)) {
            throw new IllegalArgumentException("Not a body preference: type " + type + ", preview " + preview);
        }
    }
}
