package org.atoll.mailbox;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.atoll.calendar.CalendarEvent;
import org.atoll.calendar.EventException;
import org.atoll.calendar.ICalendars;
import org.atoll.calendar.Occurrence;
import org.atoll.calendar.Recurrence;
import org.atoll.mailbox.internal.Change;
import org.atoll.mailbox.internal.EventStore;
import org.atoll.mailbox.internal.Folder;
import org.atoll.mailbox.internal.FolderRepository;
import org.atoll.mailbox.internal.Journal;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The one way to read and change an account's calendars (MS-ASCAL), for every front end. Like every mutation of
 * {@link Mailboxes}, {@link Notes}, {@link Contacts} and {@link Tasks}, each change is one transaction that takes the
 * account's next modseq first and journals the event it touched in its folder (the journal's item id is the event's
 * id), so it wakes parked Pings on commit and reaches every device but the one it came from ({@link ChangeOrigin}).
 *
 * <p>An event is one row with its recurrence, exceptions and attendees; a series is stored once, never as its
 * occurrences. Each event keeps the end of its last occurrence, so that "the events with an occurrence after X"
 * (a FilterType window, MS-ASCMD 2.2.3.69.2, or a date range) is one index range.
 */
@Service
public class Calendars {

    /** Folder types that hold events, MS-ASCMD 2.2.3.186.3: the default Calendar and user-created calendars. */
    public static final Set<FolderType> FOLDER_TYPES = Set.of(FolderType.CALENDAR, FolderType.USER_CALENDAR);

    /** The window end of a series that never ends. */
    public static final Instant FOREVER = Instant.parse("9999-12-31T23:59:59Z");

    /** The most events one list holds. */
    public static final int MAX_PAGE = 1000;

    /** A series with more occurrences than this is taken to run forever rather than expanded to find its end. */
    private static final int MAX_COUNTED = 5000;

    private final EventStore store;
    private final FolderRepository folders;
    private final Journal journal;
    private final Clock clock;

    Calendars(EventStore store, FolderRepository folders, Journal journal, Clock clock) {
        this.store = store;
        this.folders = folders;
        this.journal = journal;
        this.clock = clock;
    }

    /**
     * @throws FolderNotFound when the folder is not the account's or is not a calendar
     */
    @Transactional
    public EventView create(long accountId, long folderId, EventContent content) {
        Change change = journal.begin(accountId);
        calendarFolder(accountId, folderId);
        CalendarEvent event = content.event();
        EventView created =
                store.insert(accountId, folderId, event, windowEnd(event), clock.instant(), change.modseq());
        change.messageAdded(folderId, created.id());
        journal.commit(change);
        return created;
    }

    /**
     * Replaces what the event says, its recurrence, exceptions and attendees included. A content that does not name
     * its UID keeps the stored one; the sequence stays the stored one unless the content raises it.
     *
     * @throws EventNotFound when the account has no such event
     */
    @Transactional
    public EventView update(long accountId, long eventId, EventContent content) {
        Change change = journal.begin(accountId);
        EventView stored = store.of(accountId, List.of(eventId)).stream()
                .findFirst()
                .orElseThrow(() -> new EventNotFound(eventId));
        CalendarEvent event = content.event();
        if (!content.uidGiven()) {
            event = event.withUid(stored.event().uid());
        }
        if (event.sequence() < stored.event().sequence()) {
            event = event.withSequence(stored.event().sequence());
        }
        EventView updated = store.update(accountId, eventId, event, windowEnd(event), clock.instant(), change.modseq())
                .orElseThrow(() -> new EventNotFound(eventId));
        change.messageChanged(updated.folderId(), updated.id());
        journal.commit(change);
        return updated;
    }

    /**
     * Changes one occurrence of a series (MS-ASCAL 2.2.2.21, addressed by its InstanceId from protocol 16.0): the
     * exception keyed by the same original start is replaced by {@code exception}, or added, and nothing else of the
     * series changes. Empty, and nothing changed, when the event does not recur or its rule starts no occurrence at
     * the exception's original start.
     *
     * @throws EventNotFound when the account has no such event
     * @throws InvalidMailboxRequest when the series would have more than {@link EventContent#MAX_EXCEPTIONS}
     */
    @Transactional
    public Optional<EventView> changeOccurrence(long accountId, long eventId, EventException exception) {
        Change change = journal.begin(accountId);
        EventView stored = store.of(accountId, List.of(eventId)).stream()
                .findFirst()
                .orElseThrow(() -> new EventNotFound(eventId));
        Optional<CalendarEvent> changed = withOccurrence(stored.event(), exception);
        if (changed.isEmpty()) {
            journal.commit(change);
            return Optional.empty();
        }
        CalendarEvent event = changed.get();
        EventView updated = store.update(accountId, eventId, event, windowEnd(event), clock.instant(), change.modseq())
                .orElseThrow(() -> new EventNotFound(eventId));
        change.messageChanged(updated.folderId(), updated.id());
        journal.commit(change);
        return Optional.of(updated);
    }

    /**
     * The series with one occurrence changed as {@link #changeOccurrence} stores it, without storing it; empty when
     * the series does not recur or its rule starts no occurrence at the exception's original start.
     *
     * @throws InvalidMailboxRequest when the series would have more than {@link EventContent#MAX_EXCEPTIONS}
     */
    public static Optional<CalendarEvent> withOccurrence(CalendarEvent series, EventException exception) {
        Instant original = exception.originalStart();
        if (series.recurrence() == null
                || ICalendars.occurrences(
                                series.withRecurrence(series.recurrence(), List.of()),
                                original,
                                original.plusSeconds(1))
                        .stream()
                        .noneMatch(o -> o.start().equals(original))) {
            return Optional.empty();
        }
        List<EventException> exceptions = new ArrayList<>(series.exceptions());
        exceptions.removeIf(e -> e.originalStart().equals(original));
        exceptions.add(exception);
        exceptions.sort(Comparator.comparing(EventException::originalStart));
        return Optional.of(EventContent.of(series.withRecurrence(series.recurrence(), exceptions))
                .event());
    }

    /**
     * Stores the events of an import into one calendar in one transaction: an event whose UID the calendar holds
     * replaces that event, the others are created. Returns the stored events in the order given.
     *
     * @throws FolderNotFound when the folder is not one of the account's calendars
     */
    @Transactional
    public List<EventView> importEvents(long accountId, long folderId, List<EventContent> contents) {
        Change change = journal.begin(accountId);
        calendarFolder(accountId, folderId);
        Map<String, Long> existing = store.idsByUid(
                accountId, folderId, contents.stream().map(c -> c.event().uid()).toList());
        List<EventView> stored = new ArrayList<>();
        Instant now = clock.instant();
        for (EventContent content : contents) {
            CalendarEvent event = content.event();
            Long id = existing.get(event.uid());
            if (id == null) {
                EventView created = store.insert(accountId, folderId, event, windowEnd(event), now, change.modseq());
                existing.put(event.uid(), created.id());
                change.messageAdded(folderId, created.id());
                stored.add(created);
            } else {
                EventView updated = store.update(accountId, id, event, windowEnd(event), now, change.modseq())
                        .orElseThrow(() -> new EventNotFound(id));
                change.messageChanged(folderId, id);
                stored.add(updated);
            }
        }
        journal.commit(change);
        return stored;
    }

    /**
     * Moves the event to another calendar (MoveItems, MS-ASCMD 2.2.1.12), journaled as a removal from its calendar
     * and an addition to the other, so other devices get a Delete and an Add.
     *
     * @throws EventNotFound when the account has no such event
     * @throws FolderNotFound when the folder is not the account's or is not a calendar
     */
    @Transactional
    public EventView move(long accountId, long eventId, long folderId) {
        Change change = journal.begin(accountId);
        calendarFolder(accountId, folderId);
        EventView event = store.of(accountId, List.of(eventId)).stream()
                .findFirst()
                .orElseThrow(() -> new EventNotFound(eventId));
        if (event.folderId() != folderId) {
            store.move(accountId, eventId, folderId, change.modseq());
            change.messageRemoved(event.folderId(), eventId);
            change.messageAdded(folderId, eventId);
        }
        journal.commit(change);
        return store.of(accountId, List.of(eventId)).getFirst();
    }

    /** Deletes the events among the ids that exist; the others are already gone. */
    @Transactional
    public void delete(long accountId, Collection<Long> eventIds) {
        Change change = journal.begin(accountId);
        List<EventView> gone = store.delete(accountId, eventIds);
        gone.forEach(event -> change.messageRemoved(event.folderId(), event.id()));
        journal.commit(change);
    }

    /** @throws EventNotFound when the account has no such event */
    @Transactional(readOnly = true)
    public EventView event(long accountId, long eventId) {
        return store.of(accountId, List.of(eventId)).stream().findFirst().orElseThrow(() -> new EventNotFound(eventId));
    }

    /** The account's event with this iCalendar UID, the meeting an iMIP message is about; the oldest if several. */
    @Transactional(readOnly = true)
    public Optional<EventView> byUid(long accountId, String uid) {
        return store.withUid(accountId, uid).stream().findFirst();
    }

    /** The events that still exist among the ids, in no particular order. */
    @Transactional(readOnly = true)
    public List<EventView> events(long accountId, Collection<Long> eventIds) {
        return store.of(accountId, eventIds);
    }

    /**
     * A folder's events whose last occurrence ends at or after {@code since}, by descending (window end, id), after
     * {@code after} (null: from the first).
     */
    @Transactional(readOnly = true)
    public List<EventView> inWindow(
            long accountId, long folderId, Instant since, @Nullable Instant afterEnd, long afterId, int limit) {
        return store.inWindow(accountId, folderId, since, afterEnd, afterId, Math.clamp(limit, 1, MAX_PAGE));
    }

    /** How many of a folder's events {@link #inWindow} lists in all. */
    @Transactional(readOnly = true)
    public long countInWindow(long accountId, long folderId, Instant since) {
        return store.countInWindow(accountId, folderId, since);
    }

    /** How many events the folder holds (the whole account's when {@code folderId} is null). */
    @Transactional(readOnly = true)
    public long count(long accountId, @Nullable Long folderId) {
        return store.count(accountId, folderId);
    }

    /**
     * The events of a calendar (of every calendar of the account when {@code folderId} is null) with an occurrence
     * overlapping [{@code from}, {@code to}), by start, at most {@link #MAX_PAGE}.
     *
     * @throws FolderNotFound when the folder is not one of the account's calendars
     */
    @Transactional(readOnly = true)
    public List<EventView> between(long accountId, @Nullable Long folderId, Instant from, Instant to) {
        if (folderId != null) {
            calendarFolder(accountId, folderId);
        }
        return store
                .overlapping(accountId, folderId == null ? null : List.of(folderId), from, to, MAX_PAGE * 10)
                .stream()
                .filter(view -> !ICalendars.occurrences(view.event(), from, to).isEmpty())
                .limit(MAX_PAGE)
                .toList();
    }

    /**
     * The events of a calendar that start before {@code to} and whose last occurrence ends at or after
     * {@code from}, without expanding them: for ranges too long to expand; by start, at most {@link #MAX_PAGE}.
     *
     * @throws FolderNotFound when the folder is not one of the account's calendars
     */
    @Transactional(readOnly = true)
    public List<EventView> reaching(long accountId, long folderId, Instant from, Instant to) {
        calendarFolder(accountId, folderId);
        return store.overlapping(accountId, List.of(folderId), from, to, MAX_PAGE);
    }

    /** Every event of a calendar, by start; for an export. @throws FolderNotFound as {@link #between} */
    @Transactional(readOnly = true)
    public List<EventView> all(long accountId, long folderId) {
        calendarFolder(accountId, folderId);
        return store.overlapping(accountId, List.of(folderId), Instant.EPOCH, FOREVER, Integer.MAX_VALUE);
    }

    /** The account's calendars: the default one and those the user made. */
    @Transactional(readOnly = true)
    public List<FolderView> calendars(long accountId) {
        return folders.findByAccountIdOrderById(accountId).stream()
                .map(Folder::view)
                .filter(folder -> FOLDER_TYPES.contains(folder.type()))
                .toList();
    }

    /** The account's default Calendar folder. */
    @Transactional(readOnly = true)
    public FolderView defaultFolder(long accountId) {
        return folders.findByAccountIdAndRole(accountId, SystemFolder.CALENDAR.name())
                .orElseThrow(() -> new MailboxNotFound(accountId))
                .view();
    }

    /**
     * The end of the event's last occurrence: its end, the end by the rule's last start, or {@link #FOREVER}; never
     * before a moved occurrence's end.
     */
    static Instant windowEnd(CalendarEvent event) {
        Recurrence recurrence = event.recurrence();
        Instant last = event.end();
        if (recurrence != null) {
            Duration length = Duration.between(event.start(), event.end());
            if (recurrence.until() != null) {
                last = max(last, recurrence.until().plus(length).plus(Duration.ofDays(1)));
            } else if (recurrence.occurrences() != null && recurrence.occurrences() <= MAX_COUNTED) {
                List<Occurrence> all = ICalendars.occurrences(event, event.start(), FOREVER);
                for (Occurrence occurrence : all) {
                    last = max(last, occurrence.end());
                }
            } else {
                return FOREVER;
            }
            for (EventException exception : event.exceptions()) {
                if (exception.end() != null) {
                    last = max(last, exception.end());
                }
            }
        }
        return last.isAfter(FOREVER) ? FOREVER : last;
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private Folder calendarFolder(long accountId, long folderId) {
        return folders.findByAccountIdAndId(accountId, folderId)
                .filter(folder -> FOLDER_TYPES.contains(folder.view().type()))
                .orElseThrow(() -> new FolderNotFound(folderId));
    }
}
