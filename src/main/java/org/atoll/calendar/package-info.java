/**
 * The calendar without storage: events with recurrences and exceptions, their ActiveSync form (MS-ASCAL) and TimeZone
 * blobs (MS-ASDTYPE 2.6.4), iCalendar (RFC 5545) import, export and expansion through ical4j, iMIP messages (RFC 6047,
 * RFC 5546) and MergedFreeBusy (MS-ASCMD 2.2.3.107).
 *
 * <p>Public for the store, the sync engine, MeetingResponse and the mail flow: the records
 * {@link org.atoll.calendar.CalendarEvent}, {@link org.atoll.calendar.Attendee}, {@link org.atoll.calendar.Recurrence},
 * {@link org.atoll.calendar.EventException}, {@link org.atoll.calendar.Occurrence},
 * {@link org.atoll.calendar.ItipMessage} and the wire enums; {@link org.atoll.calendar.EasCalendarItems} (ApplicationData
 * in and out per {@link org.atoll.calendar.CalendarProtocol}); {@link org.atoll.calendar.TimeZoneBlob} and
 * {@link org.atoll.calendar.EasTimeZones}; {@link org.atoll.calendar.ICalendars}; {@link org.atoll.calendar.FreeBusy};
 * and {@link org.atoll.calendar.MalformedCalendarItem} for what a client or a sender got wrong. Knows no Spring and no
 * database (checked by {@code ArchitectureTest}).
 */
@org.jspecify.annotations.NullMarked
package org.atoll.calendar;
