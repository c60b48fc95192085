package org.atoll.mailbox;

import java.time.Instant;
import org.atoll.contacts.Contact;

/** A stored contact (MS-ASCNTC 2.2.2): its folder, what it says, when it last changed, and the modseq of that change. */
public record ContactView(long id, long folderId, Contact contact, Instant lastModified, long modseq)
        implements ItemView {}
