package org.atoll.mailbox;

import java.time.Instant;
import org.atoll.calendar.CalendarEvent;

/**
 * A stored calendar event or series (MS-ASCAL 2.2.2): its folder, what it says, when it last changed, and the
 * modseq of that change.
 *
 * @param windowEnd the end of its last occurrence ({@link Calendars#FOREVER} for a series without end), what a
 *     FilterType window compares
 */
public record EventView(
        long id, long folderId, CalendarEvent event, Instant windowEnd, Instant lastModified, long modseq)
        implements ItemView {}
