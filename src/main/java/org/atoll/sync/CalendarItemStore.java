package org.atoll.sync;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.atoll.calendar.CalendarEvent;
import org.atoll.device.Devices;
import org.atoll.mailbox.Calendars;
import org.atoll.mailbox.EventContent;
import org.atoll.mailbox.EventView;
import org.atoll.mailbox.FolderType;
import org.atoll.mailbox.InvitationLimitReached;
import org.atoll.mailbox.Meetings;
import org.atoll.mailbox.OccurrenceContent;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Calendars as an item class (MS-ASCAL): the events of {@link Calendars} in folders of type 8 and 13. FilterType
 * applies (MS-ASCMD 2.2.3.68.2: all, two weeks, one, three or six months back; 1 to 3 are synced as all) to the end of an event's last
 * occurrence, so a series stays on a device while any of its occurrences reaches into the window. A device may Add,
 * Change (the whole event, its exceptions included, or from 16.0 one occurrence named by its InstanceId, which then
 * answers Status 8 when the series has no such occurrence) and Delete; a malformed event is refused with Status 6, a change
 * of an event someone else changed since the device last synced it with Status 7 (unless the client wins), an event
 * that is not there with Status 8.
 *
 * <p>At protocol 16.0 and 16.1 the server sends the invitations of a meeting the device organizes: its Add, Change
 * and Delete go through {@link Meetings}, in the Sync's transaction, so a Sync rolled back sends nothing and a
 * replayed one (the same SyncKey again, MS-ASCMD 3.1.5.9) sends nothing twice: its Adds are found by ClientId and its
 * Changes and Deletes change nothing again. A change whose invitations exceed the account's send limits is refused
 * with Status 6. Below 16.0 the device uploads the meeting with Sync and sends the meeting request itself with
 * SendMail (MS-ASCAL 3.1.4.5, MS-ASCMD 2.2.1.17 and its example 4.16), as Exchange expects, so the server sends
 * nothing then and no attendee is invited twice.
 */
@Component
class CalendarItemStore implements ItemStore {

    private final Calendars calendars;
    private final Meetings meetings;
    private final Devices devices;

    CalendarItemStore(Calendars calendars, Meetings meetings, Devices devices) {
        this.calendars = calendars;
        this.meetings = meetings;
        this.devices = devices;
    }

    @Override
    public Set<FolderType> folderTypes() {
        return Calendars.FOLDER_TYPES;
    }

    @Override
    public boolean filtered() {
        return true;
    }

    /**
     * Calendar takes FilterType 0 and 4 to 7 (MS-ASCMD 2.2.3.68.2: one, three days and one week are Email's only);
     * the others are synced as all, as every class does with a value it does not take.
     */
    @Override
    public boolean takes(FilterType filter) {
        return filter == FilterType.ALL || filter.timeWindow() && filter.code() >= FilterType.TWO_WEEKS.code();
    }

    @Override
    public List<ItemStamp> stamps(long accountId, Collection<Long> ids) {
        return calendars.events(accountId, ids).stream()
                .map(CalendarItemStore::stamp)
                .toList();
    }

    @Override
    public List<ItemStamp> scan(long accountId, long folderId, Instant since, @Nullable ItemStamp after, int limit) {
        return calendars
                .inWindow(
                        accountId,
                        folderId,
                        since,
                        after == null ? null : after.since(),
                        after == null ? 0 : after.id(),
                        limit)
                .stream()
                .map(CalendarItemStore::stamp)
                .toList();
    }

    @Override
    public long count(long accountId, long folderId, Instant since) {
        return calendars.countInWindow(accountId, folderId, since);
    }

    @Override
    public List<EventView> fetch(long accountId, Collection<Long> ids) {
        return calendars.events(accountId, ids);
    }

    @Override
    public void move(long accountId, long id, long targetFolderId) {
        calendars.move(accountId, id, targetFolderId);
    }

    private static ItemStamp stamp(EventView event) {
        String body = event.event().body();
        int size = 512
                + (body == null ? 0 : body.length())
                + 256 * event.event().exceptions().size();
        return new ItemStamp(event.id(), event.folderId(), event.windowEnd(), event.modseq(), size);
    }

    @Override
    public List<ClientResponse> apply(ClientChanges changes, List<ClientCommand> commands) {
        long accountId = changes.accountId();
        Set<Long> targets = new LinkedHashSet<>();
        for (ClientCommand command : commands) {
            changes.target(command).ifPresent(targets::add);
        }
        Map<Long, EventView> present = new HashMap<>();
        for (EventView event : calendars.events(accountId, targets)) {
            if (event.folderId() == changes.folderId()) {
                present.put(event.id(), event);
            }
        }
        Map<Long, Long> held = changes.heldModseqs(targets);
        boolean serverSends =
                devices.detail(changes.devicePk()).protocolVersion().startsWith("16.");
        List<ClientResponse> responses = new ArrayList<>();
        for (ClientCommand command : commands) {
            Optional<Long> target = changes.target(command);
            EventView event = target.map(present::get).orElse(null);
            switch (command) {
                case ClientCommand.AddItem add -> {
                    Optional<String> earlier = changes.earlierAdd(add.clientId());
                    if (earlier.isPresent()) {
                        responses.add(new ClientResponse.Added(add.clientId(), earlier.get(), ItemStatus.SUCCESS));
                    } else if (add.content() instanceof EventContent content) {
                        try {
                            EventView created = serverSends
                                    ? meetings.create(accountId, changes.folderId(), content)
                                    : calendars.create(accountId, changes.folderId(), content);
                            present.put(created.id(), created);
                            responses.add(new ClientResponse.Added(
                                    add.clientId(), changes.added(add.clientId(), created.id()), ItemStatus.SUCCESS));
                        } catch (InvitationLimitReached e) {
                            responses.add(new ClientResponse.Added(add.clientId(), "", ItemStatus.CONVERSION_ERROR));
                        }
                    } else {
                        responses.add(new ClientResponse.Added(add.clientId(), "", ItemStatus.CONVERSION_ERROR));
                    }
                }
                case ClientCommand.ChangeItem change -> {
                    if (event == null) {
                        responses.add(new ClientResponse.Changed(command.serverId(), ItemStatus.NOT_FOUND));
                    } else if (change.content() instanceof OccurrenceContent occurrence) {
                        Optional<CalendarEvent> changed =
                                Calendars.withOccurrence(event.event(), occurrence.exception());
                        if (changed.isEmpty()) {
                            responses.add(new ClientResponse.Changed(command.serverId(), ItemStatus.NOT_FOUND));
                        } else if (changes.serverWins(event.id(), held.get(event.id()), event.modseq())) {
                            responses.add(new ClientResponse.Changed(command.serverId(), ItemStatus.CONFLICT));
                        } else {
                            try {
                                EventContent content = EventContent.of(changed.get());
                                present.put(
                                        event.id(),
                                        serverSends
                                                ? meetings.update(accountId, event.id(), content)
                                                : calendars.update(accountId, event.id(), content));
                                changes.holds(event.id());
                            } catch (InvitationLimitReached e) {
                                responses.add(
                                        new ClientResponse.Changed(command.serverId(), ItemStatus.CONVERSION_ERROR));
                            }
                        }
                    } else if (!(change.content() instanceof EventContent content)) {
                        responses.add(new ClientResponse.Changed(command.serverId(), ItemStatus.CONVERSION_ERROR));
                    } else if (changes.serverWins(event.id(), held.get(event.id()), event.modseq())) {
                        responses.add(new ClientResponse.Changed(command.serverId(), ItemStatus.CONFLICT));
                    } else {
                        try {
                            present.put(
                                    event.id(),
                                    serverSends
                                            ? meetings.update(accountId, event.id(), content)
                                            : calendars.update(accountId, event.id(), content));
                            changes.holds(event.id());
                        } catch (InvitationLimitReached e) {
                            responses.add(new ClientResponse.Changed(command.serverId(), ItemStatus.CONVERSION_ERROR));
                        }
                    }
                }
                case ClientCommand.Delete delete -> {
                    if (target.isEmpty()) {
                        responses.add(new ClientResponse.Deleted(command.serverId(), ItemStatus.NOT_FOUND));
                    } else {
                        try {
                            if (event != null) {
                                if (serverSends) {
                                    meetings.delete(accountId, List.of(event.id()));
                                } else {
                                    calendars.delete(accountId, List.of(event.id()));
                                }
                                present.remove(event.id());
                            }
                            changes.dropped(target.get());
                        } catch (InvitationLimitReached e) {
                            responses.add(new ClientResponse.Deleted(command.serverId(), ItemStatus.CONVERSION_ERROR));
                        }
                    }
                }
                case ClientCommand.Fetch fetch -> {
                    if (event == null) {
                        responses.add(new ClientResponse.NotFetched(command.serverId(), ItemStatus.NOT_FOUND));
                    } else {
                        responses.add(new ClientResponse.Fetched(command.serverId(), event));
                    }
                }
                case ClientCommand.Add add ->
                    responses.add(new ClientResponse.Added(add.clientId(), "", ItemStatus.CONVERSION_ERROR));
                case ClientCommand.Change change ->
                    responses.add(new ClientResponse.Changed(
                            command.serverId(), event == null ? ItemStatus.NOT_FOUND : ItemStatus.CONVERSION_ERROR));
            }
        }
        return responses;
    }
}
