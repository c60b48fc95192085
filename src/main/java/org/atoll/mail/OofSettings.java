package org.atoll.mail;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * An account's Out of Office settings (MS-ASCMD 2.2.3.119 Oof).
 *
 * @param start when scheduled replies begin; null unless scheduled
 * @param end when scheduled replies end; null unless scheduled
 * @param internal the reply to senders of this server's domains
 * @param externalKnown the reply to other senders the account has written to
 * @param externalUnknown the reply to every other sender
 */
public record OofSettings(
        OofState state,
        @Nullable Instant start,
        @Nullable Instant end,
        OofReply internal,
        OofReply externalKnown,
        OofReply externalUnknown) {

    public static final OofSettings OFF =
            new OofSettings(OofState.OFF, null, null, OofReply.NONE, OofReply.NONE, OofReply.NONE);

    /** Whether replies go out at the instant. */
    public boolean activeAt(Instant now) {
        return switch (state) {
            case OFF -> false;
            case ON -> true;
            case SCHEDULED -> start != null && end != null && !now.isBefore(start) && now.isBefore(end);
        };
    }
}
