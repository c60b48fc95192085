package org.atoll.mailbox;

import org.atoll.contacts.Contact;
import org.atoll.contacts.ContactPicture;

/**
 * What a contact says, as a device writes it (MS-ASCNTC 2.2.2), within what the store keeps: a picture of its own
 * bytes of at most {@link #MAX_PICTURE} bytes and notes of at most {@link #MAX_BODY} characters.
 *
 * @throws InvalidMailboxRequest when a value is out of bounds
 */
public record ContactContent(Contact contact) implements ItemContent {

    /** The largest picture, in bytes: what 48 KiB of base64 (MS-ASCNTC 2.2.2.55) decodes to, with room to spare. */
    public static final int MAX_PICTURE = 48 * 1024;

    /** The longest notes, in characters, as for a note's body. */
    public static final int MAX_BODY = 1024 * 1024;

    public ContactContent {
        if (contact.body() != null && contact.body().length() > MAX_BODY) {
            throw new InvalidMailboxRequest("A contact's notes have at most " + MAX_BODY + " characters");
        }
        switch (contact.picture()) {
            case null -> {}
            case ContactPicture.Inline inline -> {
                if (inline.bytes().length > MAX_PICTURE) {
                    throw new InvalidMailboxRequest("A contact's picture has at most " + MAX_PICTURE + " bytes");
                }
            }
            case ContactPicture.Stored stored ->
                throw new InvalidMailboxRequest("A contact's picture is stored from its bytes, not a reference");
        }
    }
}
