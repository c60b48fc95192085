package org.atoll.eas.message;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.atoll.sync.BodyPreference;
import org.atoll.wbxml.CodePage;
import org.atoll.wbxml.WbxmlElement;

/**
 * The body options a Sync or ItemOperations request carries in its Options: BodyPreference (MS-ASAIRS 2.2.2.7)
 * and MIMESupport (MS-ASCMD 2.2.3.105). A value out of its range is refused with IllegalArgumentException.
 */
public final class BodyOptions {

    private BodyOptions() {}

    /** The preferences in the order sent; a second one for the same Type is ignored. */
    public static List<BodyPreference> preferences(WbxmlElement options) {
        List<BodyPreference> preferences = new ArrayList<>();
        for (WbxmlElement preference : options.children(CodePage.AIRSYNCBASE, "BodyPreference")) {
            int type = (int) bounded(preference.text("Type").orElse(""), 1, 4, "BodyPreference Type");
            Long truncation = preference
                    .text("TruncationSize")
                    .map(text -> bounded(text, 0, Long.MAX_VALUE, "TruncationSize"))
                    .orElse(null);
            boolean allOrNone =
                    preference.child("AllOrNone").map(BodyOptions::flag).orElse(false);
            int preview = preference
                    .text("Preview")
                    .map(text -> (int) bounded(text, 0, 255, "Preview"))
                    .orElse(0);
            if (preferences.stream().noneMatch(b -> b.type() == type)) {
                preferences.add(new BodyPreference(type, truncation, allOrNone, preview));
            }
        }
        return preferences;
    }

    /** MIMESupport: 0 never, 1 for S/MIME only, 2 always. */
    public static Optional<Integer> mimeSupport(WbxmlElement options) {
        return options.text(CodePage.AIRSYNC, "MIMESupport").map(text -> (int) bounded(text, 0, 2, "MIMESupport"));
    }

    /** An empty element or 1 is true, 0 false (MS-ASDTYPE 2.1 boolean). */
    public static boolean flag(WbxmlElement element) {
        String text = element.text().orElse("1");
        return switch (text) {
            case "1" -> true;
            case "0" -> false;
            default -> throw new IllegalArgumentException("Not a boolean: " + text);
        };
    }

    /** A decimal number between {@code min} and {@code max}. */
    public static long bounded(String text, long min, long max, String what) {
        return WireNumbers.unsigned(text)
                .filter(value -> value >= min && value <= max)
                .orElseThrow(() -> new IllegalArgumentException(what + " " + text));
    }
}
