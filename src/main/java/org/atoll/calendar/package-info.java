/**
 * The calendar's core without storage: events with recurrences and exceptions, their ActiveSync form (MS-ASCAL) and
 * TimeZone blobs, iCalendar (RFC 5545) import, export, expansion and iMIP messages (RFC 6047/5546), free/busy.
 *
 * <p>Public for the store and the sync engine: the records {@link org.atoll.calendar.CalendarEvent},
 * {@link org.atoll.calendar.Attendee}, {@link org.atoll.calendar.Recurrence}, {@link org.atoll.calendar.EventException};
 * {@link org.atoll.calendar.EasCalendarItems} (ApplicationData in and out), {@link org.atoll.calendar.TimeZoneBlob}
 * and {@link org.atoll.calendar.EasTimeZones}; {@link org.atoll.calendar.ICalendars} (VEVENT, .ics, expansion, iMIP);
 * {@link org.atoll.calendar.MalformedCalendarItem}. Knows no Spring and no database.
 */
@org.jspecify.annotations.NullMarked
package org.atoll.calendar;
