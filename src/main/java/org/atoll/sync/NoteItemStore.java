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
import org.atoll.mailbox.FolderType;
import org.atoll.mailbox.NoteContent;
import org.atoll.mailbox.NoteView;
import org.atoll.mailbox.Notes;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Notes as an item class (MS-ASNOTE): the notes of {@link Notes} in folders of type 10 and 17. No FilterType
 * (MS-ASCMD 2.2.3.69.2); a device may Add, Change (the whole note) and Delete, and a malformed note is refused
 * with Status 6, a note that is not there with Status 8.
 */
@Component
class NoteItemStore implements ItemStore {

    private final Notes notes;

    NoteItemStore(Notes notes) {
        this.notes = notes;
    }

    @Override
    public Set<FolderType> folderTypes() {
        return Notes.FOLDER_TYPES;
    }

    @Override
    public boolean filtered() {
        return false;
    }

    @Override
    public List<ItemStamp> stamps(long accountId, Collection<Long> ids) {
        return notes.notes(accountId, ids).stream().map(NoteItemStore::stamp).toList();
    }

    @Override
    public List<ItemStamp> scan(long accountId, long folderId, Instant since, @Nullable ItemStamp after, int limit) {
        return notes.inFolder(accountId, folderId, after == null ? null : after.id(), limit).stream()
                .map(NoteItemStore::stamp)
                .toList();
    }

    @Override
    public long count(long accountId, long folderId, Instant since) {
        return notes.count(accountId, folderId);
    }

    @Override
    public List<NoteView> fetch(long accountId, Collection<Long> ids) {
        return notes.notes(accountId, ids);
    }

    private static ItemStamp stamp(NoteView note) {
        return new ItemStamp(
                note.id(),
                note.folderId(),
                Instant.EPOCH,
                note.modseq(),
                note.subject().length() + note.body().length());
    }

    @Override
    public List<ClientResponse> apply(ClientChanges changes, List<ClientCommand> commands) {
        long accountId = changes.accountId();
        Set<Long> targets = new LinkedHashSet<>();
        for (ClientCommand command : commands) {
            changes.target(command).ifPresent(targets::add);
        }
        Map<Long, NoteView> present = new HashMap<>();
        for (NoteView note : notes.notes(accountId, targets)) {
            if (note.folderId() == changes.folderId()) {
                present.put(note.id(), note);
            }
        }
        Map<Long, Long> held = changes.heldModseqs(targets);
        List<ClientResponse> responses = new ArrayList<>();
        for (ClientCommand command : commands) {
            Optional<Long> target = changes.target(command);
            NoteView note = target.map(present::get).orElse(null);
            switch (command) {
                case ClientCommand.AddItem add -> {
                    Optional<String> earlier = changes.earlierAdd(add.clientId());
                    if (earlier.isPresent()) {
                        responses.add(new ClientResponse.Added(add.clientId(), earlier.get(), ItemStatus.SUCCESS));
                    } else if (add.content() instanceof NoteContent content) {
                        NoteView created = notes.create(accountId, changes.folderId(), content);
                        present.put(created.id(), created);
                        responses.add(new ClientResponse.Added(
                                add.clientId(), changes.added(add.clientId(), created.id()), ItemStatus.SUCCESS));
                    } else {
                        responses.add(new ClientResponse.Added(add.clientId(), "", ItemStatus.CONVERSION_ERROR));
                    }
                }
                case ClientCommand.ChangeItem change -> {
                    if (note == null) {
                        responses.add(new ClientResponse.Changed(command.serverId(), ItemStatus.NOT_FOUND));
                    } else if (!(change.content() instanceof NoteContent content)) {
                        responses.add(new ClientResponse.Changed(command.serverId(), ItemStatus.CONVERSION_ERROR));
                    } else if (changes.serverWins(note.id(), held.get(note.id()), note.modseq())) {
                        responses.add(new ClientResponse.Changed(command.serverId(), ItemStatus.CONFLICT));
                    } else {
                        present.put(note.id(), notes.update(accountId, note.id(), content));
                        changes.holds(note.id());
                    }
                }
                case ClientCommand.Delete delete -> {
                    if (target.isEmpty()) {
                        responses.add(new ClientResponse.Deleted(command.serverId(), ItemStatus.NOT_FOUND));
                    } else {
                        if (note != null) {
                            notes.delete(accountId, List.of(note.id()));
                            present.remove(note.id());
                        }
                        changes.dropped(target.get());
                    }
                }
                case ClientCommand.Fetch fetch -> {
                    if (note == null) {
                        responses.add(new ClientResponse.NotFetched(command.serverId(), ItemStatus.NOT_FOUND));
                    } else {
                        responses.add(new ClientResponse.Fetched(command.serverId(), note));
                    }
                }
                case ClientCommand.Add add ->
                    responses.add(new ClientResponse.Added(add.clientId(), "", ItemStatus.CONVERSION_ERROR));
                case ClientCommand.Change change ->
                    responses.add(new ClientResponse.Changed(
                            command.serverId(), note == null ? ItemStatus.NOT_FOUND : ItemStatus.CONVERSION_ERROR));
            }
        }
        return responses;
    }
}
