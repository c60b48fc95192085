package org.atoll.api;

import jakarta.validation.Valid;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.atoll.account.AccountView;
import org.atoll.account.Accounts;
import org.atoll.api.CalendarDtos.CalendarDto;
import org.atoll.api.CalendarDtos.CalendarList;
import org.atoll.api.CalendarDtos.EventDto;
import org.atoll.api.CalendarDtos.EventList;
import org.atoll.api.CalendarDtos.FreeBusyDto;
import org.atoll.api.CalendarDtos.ImportResult;
import org.atoll.api.CalendarDtos.Imported;
import org.atoll.api.CalendarDtos.Refused;
import org.atoll.api.CalendarDtos.WriteEvent;
import org.atoll.calendar.CalendarEvent;
import org.atoll.calendar.CalendarImport;
import org.atoll.calendar.FreeBusy;
import org.atoll.calendar.ICalendars;
import org.atoll.calendar.MalformedCalendarItem;
import org.atoll.mailbox.Calendars;
import org.atoll.mailbox.EventContent;
import org.atoll.mailbox.EventNotFound;
import org.atoll.mailbox.EventView;
import org.atoll.mailbox.FolderNotFound;
import org.atoll.mailbox.InvalidMailboxRequest;
import org.atoll.mailbox.Meetings;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * An account's calendars and their events (MS-ASCAL items, RFC 5545 events): the caller's own, or for an
 * administrator any account's. Events are listed by date range, read, created, replaced and deleted one by one, and
 * exported and imported as one {@code .ics} file (ical4j through {@link ICalendars}); free/busy is merged from every
 * calendar of the account ({@link FreeBusy}). Every change goes through {@link Calendars}, so it is journaled and
 * reaches every device of the account like a change made on a device. The caller acts as the account, the organizer
 * of its meetings: creating, replacing or deleting an event with attendees sends them its invitations and
 * cancellations through {@link Meetings}, as a change from a device at protocol 16.x does; an import sends nothing.
 */
@RestController
@RequestMapping("/api/v1/accounts/{accountId}")
class CalendarsController {

    private static final MediaType ICS = MediaType.parseMediaType("text/calendar;charset=UTF-8");

    /** A range longer than this lists the series that may reach into it without expanding them. */
    private static final Duration EXPANDED_RANGE = Duration.ofDays(366);

    private final Calendars calendars;
    private final Meetings meetings;
    private final Accounts accounts;

    CalendarsController(Calendars calendars, Meetings meetings, Accounts accounts) {
        this.calendars = calendars;
        this.meetings = meetings;
        this.accounts = accounts;
    }

    @GetMapping("/calendars")
    CalendarList list(@AuthenticationPrincipal AccountView caller, @PathVariable long accountId) {
        visible(caller, accountId);
        return new CalendarList(calendars.calendars(accountId).stream()
                .map(folder -> CalendarDto.of(folder, calendars.count(accountId, folder.id())))
                .toList());
    }

    /**
     * The calendar's events with an occurrence in [from, to) (every event without a range), a series once with its
     * recurrence and exceptions, by start; at most {@link Calendars#MAX_PAGE}.
     */
    @GetMapping("/calendars/{calendarId}/events")
    EventList events(
            @AuthenticationPrincipal AccountView caller,
            @PathVariable long accountId,
            @PathVariable long calendarId,
            @RequestParam(required = false) @Nullable String from,
            @RequestParam(required = false) @Nullable String to) {
        visible(caller, accountId);
        Instant start = QueryValues.instant("from", from);
        Instant end = QueryValues.instant("to", to);
        start = start == null ? QueryValues.EARLIEST : start;
        end = end == null ? Calendars.FOREVER : end;
        if (!end.isAfter(start)) {
            throw new InvalidApiRequest("to comes after from");
        }
        List<EventView> found = Duration.between(start, end).compareTo(EXPANDED_RANGE) <= 0
                ? calendars.between(accountId, calendarId, start, end)
                : calendars.reaching(accountId, calendarId, start, end);
        return new EventList(found.stream().map(EventDto::of).toList());
    }

    @PostMapping("/calendars/{calendarId}/events")
    ResponseEntity<EventDto> create(
            @AuthenticationPrincipal AccountView caller,
            @PathVariable long accountId,
            @PathVariable long calendarId,
            @Valid @RequestBody WriteEvent body) {
        visible(caller, accountId);
        EventView event = meetings.create(accountId, calendarId, body.content());
        return ResponseEntity.created(URI.create(
                        "/api/v1/accounts/" + accountId + "/calendars/" + calendarId + "/events/" + event.id()))
                .body(EventDto.of(event));
    }

    @GetMapping("/calendars/{calendarId}/events/{eventId}")
    EventDto get(
            @AuthenticationPrincipal AccountView caller,
            @PathVariable long accountId,
            @PathVariable long calendarId,
            @PathVariable long eventId) {
        visible(caller, accountId);
        return EventDto.of(inCalendar(accountId, calendarId, eventId));
    }

    /** Replaces what the event says, recurrence, exceptions and attendees included; it stays in its calendar. */
    @PutMapping("/calendars/{calendarId}/events/{eventId}")
    EventDto update(
            @AuthenticationPrincipal AccountView caller,
            @PathVariable long accountId,
            @PathVariable long calendarId,
            @PathVariable long eventId,
            @Valid @RequestBody WriteEvent body) {
        visible(caller, accountId);
        inCalendar(accountId, calendarId, eventId);
        return EventDto.of(meetings.update(accountId, eventId, body.content()));
    }

    @DeleteMapping("/calendars/{calendarId}/events/{eventId}")
    ResponseEntity<Void> delete(
            @AuthenticationPrincipal AccountView caller,
            @PathVariable long accountId,
            @PathVariable long calendarId,
            @PathVariable long eventId) {
        visible(caller, accountId);
        inCalendar(accountId, calendarId, eventId);
        meetings.delete(accountId, List.of(eventId));
        return ResponseEntity.status(HttpStatus.NO_CONTENT).build();
    }

    /** Every event of the calendar as one iCalendar file (RFC 5545), a VTIMEZONE for each zone used. */
    @GetMapping("/calendars/{calendarId}/events.ics")
    ResponseEntity<String> export(
            @AuthenticationPrincipal AccountView caller, @PathVariable long accountId, @PathVariable long calendarId) {
        visible(caller, accountId);
        List<CalendarEvent> events = calendars.all(accountId, calendarId).stream()
                .map(EventView::event)
                .toList();
        return ResponseEntity.ok()
                .contentType(ICS)
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"calendar.ics\"")
                .header("X-Content-Type-Options", "nosniff")
                .body(ICalendars.export(events));
    }

    /**
     * Imports an iCalendar file into the calendar: each event (a VEVENT with its overrides, by UID) is stored whole
     * or refused with its reason; an event whose UID the calendar holds replaces it. A file that is not iCalendar is
     * refused whole.
     */
    @PostMapping(path = "/calendars/{calendarId}/events.ics", consumes = "text/calendar")
    ImportResult importIcs(
            @AuthenticationPrincipal AccountView caller,
            @PathVariable long accountId,
            @PathVariable long calendarId,
            @RequestBody String ics) {
        visible(caller, accountId);
        calendars.calendars(accountId).stream()
                .filter(folder -> folder.id() == calendarId)
                .findFirst()
                .orElseThrow(() -> new FolderNotFound(calendarId));
        CalendarImport read;
        try {
            read = ICalendars.parseEach(ics, caller.id() == accountId ? caller.address() : owner(accountId));
        } catch (MalformedCalendarItem e) {
            throw new InvalidApiRequest("Not an iCalendar file: " + e.getMessage());
        }
        List<Refused> refused = new ArrayList<>();
        read.refused().forEach(r -> refused.add(new Refused(r.position(), r.uid(), r.reason())));
        List<EventContent> contents = new ArrayList<>();
        int position = 0;
        for (CalendarEvent event : read.accepted()) {
            try {
                contents.add(EventContent.of(event));
            } catch (InvalidMailboxRequest e) {
                refused.add(new Refused(position, event.uid(), e.getMessage()));
            }
            position++;
        }
        List<Imported> imported = calendars.importEvents(accountId, calendarId, contents).stream()
                .map(view -> new Imported(view.id(), view.event().uid()))
                .toList();
        return new ImportResult(imported, refused);
    }

    /** MergedFreeBusy (MS-ASCMD 2.2.3.107) of every calendar of the account, recurrences and exceptions expanded. */
    @GetMapping("/freebusy")
    FreeBusyDto freeBusy(
            @AuthenticationPrincipal AccountView caller,
            @PathVariable long accountId,
            @RequestParam String from,
            @RequestParam String to) {
        visible(caller, accountId);
        Instant start = QueryValues.instant("from", from);
        Instant end = QueryValues.instant("to", to);
        if (start == null || end == null || !end.isAfter(start)) {
            throw new InvalidApiRequest("to comes after from");
        }
        long step = FreeBusy.INTERVAL.toSeconds();
        long intervals = (Duration.between(start, end).toSeconds() + step - 1) / step;
        if (intervals > FreeBusy.MAX_INTERVALS) {
            throw new InvalidApiRequest("A free/busy range holds at most " + FreeBusy.MAX_INTERVALS + " intervals of "
                    + FreeBusy.INTERVAL.toMinutes() + " minutes");
        }
        List<CalendarEvent> events = calendars.between(accountId, null, start, end).stream()
                .map(EventView::event)
                .toList();
        return new FreeBusyDto(start, end, (int) FreeBusy.INTERVAL.toMinutes(), FreeBusy.merged(events, start, end));
    }

    private EventView inCalendar(long accountId, long calendarId, long eventId) {
        EventView event = calendars.event(accountId, eventId);
        if (event.folderId() != calendarId) {
            throw new EventNotFound(eventId);
        }
        return event;
    }

    private String owner(long accountId) {
        return accounts.find(accountId)
                .map(AccountView::address)
                .orElseThrow(() -> new NotVisible("account " + accountId));
    }

    /** A user sees their own calendars only; an administrator any account's that exists. */
    private void visible(AccountView caller, long accountId) {
        Caller.requireSelfOrAdmin(caller, accountId, "account " + accountId);
        if (caller.id() != accountId && accounts.find(accountId).isEmpty()) {
            throw new NotVisible("account " + accountId);
        }
    }
}
