package org.atoll.mail;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A message a device asks to send: SendMail, SmartReply or SmartForward (MS-ASCMD 2.2.1.17, 2.2.1.20, 2.2.1.19).
 *
 * @param accountId the authenticated account; the message's envelope sender whatever its MIME says
 * @param devicePk the device sending it; the original's LastVerbExecuted change is made for this device
 * @param clientId the device's ClientId (MS-ASCMD 2.2.3.28), or null when it sent none (12.1 has none)
 * @param mime the message as the device composed it
 * @param saveInSent whether a copy goes to the account's Sent Items
 * @param kind a new message, a reply or a forward
 * @param source the message replied to or forwarded; null for a new message
 * @param replaceMime whether the device's MIME is the whole message (MS-ASCMD 2.2.3.150); otherwise the original's
 *     text is appended (and for a forward its attachments attached) as Exchange does
 */
public record Submission(
        long accountId,
        long devicePk,
        @Nullable String clientId,
        byte[] mime,
        boolean saveInSent,
        Kind kind,
        @Nullable Source source,
        boolean replaceMime) {

    public Submission {
        Objects.requireNonNull(mime);
        Objects.requireNonNull(kind);
        if ((kind == Kind.NEW) != (source == null)) {
            throw new IllegalArgumentException("A reply or forward names its source; a new message has none");
        }
    }

    public enum Kind {
        NEW,
        REPLY,
        FORWARD
    }

    /**
     * The message replied to or forwarded, in the sending account's mailbox.
     *
     * @param folderId the folder the device says it is in, or null when it did not say
     */
    public record Source(@Nullable Long folderId, long messageId) {}
}
