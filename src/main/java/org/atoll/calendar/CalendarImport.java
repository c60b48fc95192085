package org.atoll.calendar;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What {@link ICalendars#parseEach} read of a calendar: the events it could read whole, and those it refused.
 *
 * @param accepted the events read, in the calendar's order
 * @param refused the events not read, each with its reason
 */
public record CalendarImport(List<CalendarEvent> accepted, List<Refused> refused) {

    public CalendarImport {
        accepted = List.copyOf(accepted);
        refused = List.copyOf(refused);
    }

    /**
     * An event not read.
     *
     * @param position the place of its (first) VEVENT among the calendar's VEVENTs, from 0
     * @param uid its UID, null when it had none
     */
    public record Refused(int position, @Nullable String uid, String reason) {}
}
