package org.atoll.eas.command;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.atoll.eas.message.BodyOptions;
import org.atoll.mailbox.Flag;
import org.atoll.wbxml.CodePage;
import org.atoll.wbxml.WbxmlElement;
import org.jspecify.annotations.Nullable;

/**
 * What Sync reads of the ApplicationData of a device's Add or Change of an Email item (MS-ASEMAIL 2.2.2): Read, Flag
 * and Categories, which a device may change on any message, and whether a draft's content changed; and the IsDraft
 * mark it adds to a draft it sends. A value out of its range is refused with IllegalArgumentException or
 * DateTimeParseException.
 */
final class EmailSyncData {

    private static final CodePage BASE = CodePage.AIRSYNCBASE;
    private static final CodePage EMAIL = CodePage.EMAIL;
    private static final CodePage EMAIL2 = CodePage.EMAIL2;
    private static final CodePage TASKS = CodePage.TASKS;

    private EmailSyncData() {}

    /** The ApplicationData sent, or an empty one for an Add that sent none. */
    static WbxmlElement orEmpty(@Nullable WbxmlElement data) {
        return data != null ? data : WbxmlElement.of(CodePage.AIRSYNC, "ApplicationData");
    }

    /** MS-ASEMAIL 2.2.2.58 Read, null when not sent. */
    static @Nullable Boolean read(WbxmlElement data) {
        return data.child(EMAIL, "Read").map(BodyOptions::flag).orElse(null);
    }

    /** MS-ASEMAIL 2.2.2.27 Flag, null when not sent. */
    static @Nullable Flag flag(WbxmlElement data, Clock clock) {
        return data.child(EMAIL, "Flag").map(flag -> flagOf(flag, clock)).orElse(null);
    }

    /** MS-ASEMAIL 2.2.2.14 Categories, null when not sent. */
    static @Nullable List<String> categories(WbxmlElement data) {
        return data.child(EMAIL, "Categories")
                .map(c -> c.children(EMAIL, "Category").stream()
                        .map(category -> category.text().orElse(""))
                        .toList())
                .orElse(null);
    }

    /** The draft properties whose change rewrites a draft's MIME (MS-ASEMAIL 2.2.2, drafts from protocol 16.0). */
    static boolean rewritesDraft(WbxmlElement data) {
        return data.child(EMAIL, "To").isPresent()
                || data.child(EMAIL, "Cc").isPresent()
                || data.child(EMAIL2, "Bcc").isPresent()
                || data.child(EMAIL, "Subject").isPresent()
                || data.child(EMAIL, "Importance").isPresent()
                || data.child(BASE, "Body").isPresent()
                || data.child(BASE, "Attachments").isPresent();
    }

    /** The ApplicationData of an item of Drafts served at 16.0 and later, marked as a draft (MS-ASEMAIL 2.2.2.42). */
    static WbxmlElement markedDraft(WbxmlElement data) {
        return data.add(EMAIL2, "IsDraft", "1");
    }

    /** Empty clears the flag, Status 1 completes it, Status 2 sets it with optional dates. */
    private static Flag flagOf(WbxmlElement flag, Clock clock) {
        Optional<String> status = flag.text(EMAIL, "Status");
        if (status.isEmpty() || status.get().equals("0")) {
            return Flag.CLEARED;
        }
        return switch (status.get()) {
            case "1" ->
                Flag.complete(flag.text(EMAIL, "CompleteTime")
                        .or(() -> flag.text(TASKS, "DateCompleted"))
                        .map(Instant::parse)
                        .orElse(clock.instant()));
            case "2" ->
                Flag.active(
                        flag.text(TASKS, "UtcStartDate")
                                .or(() -> flag.text(TASKS, "StartDate"))
                                .map(Instant::parse)
                                .orElse(null),
                        flag.text(TASKS, "UtcDueDate")
                                .or(() -> flag.text(TASKS, "DueDate"))
                                .map(Instant::parse)
                                .orElse(null));
            default -> throw new IllegalArgumentException("Flag Status " + status.get());
        };
    }
}
