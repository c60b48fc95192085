package org.atoll.mailbox;

import java.util.Collection;

/**
 * Changes an account makes to its calendars as the organizer of its meetings, which tell the attendees (iMIP, RFC
 * 6047; iTIP, RFC 5546): each method stores the change as {@link Calendars} does and, in the same transaction, sends
 * the REQUESTs and CANCELs the change owes ({@link org.atoll.calendar.OrganizerNotices}), delivered at once to
 * attendees with an account here (their Inbox and calendar) and queued for the smarthost for the others. A rolled
 * back change sends nothing; a committed one loses nothing. An event that is not the account's own (received from
 * someone else, or naming another organizer) is stored as given and sends nothing.
 *
 * <p>Front ends that act as the organizer call this instead of {@link Calendars}: the REST API, and Sync at protocol
 * 16.0 and 16.1, where the server sends meeting requests; below 16.0 the device sends them itself with SendMail.
 */
public interface Meetings {

    /**
     * @throws FolderNotFound when the folder is not one of the account's calendars
     * @throws InvitationLimitReached when the account may not send that many messages now; nothing was changed
     */
    EventView create(long accountId, long folderId, EventContent content);

    /**
     * @throws EventNotFound when the account has no such event
     * @throws InvitationLimitReached when the account may not send that many messages now; nothing was changed
     */
    EventView update(long accountId, long eventId, EventContent content);

    /**
     * Deletes the events among the ids that exist, cancelling the meetings among them.
     *
     * @throws InvitationLimitReached when the account may not send that many messages now; nothing was changed
     */
    void delete(long accountId, Collection<Long> eventIds);
}
