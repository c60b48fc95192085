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
import org.atoll.mailbox.TaskContent;
import org.atoll.mailbox.TaskView;
import org.atoll.mailbox.Tasks;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Tasks as an item class (MS-ASTASK): the tasks of {@link Tasks} in folders of type 7 and 15. Every task is synced
 * (the FilterType of incomplete tasks, MS-ASCMD 2.2.3.69.2, is not applied); a device may Add, Change (the whole
 * task) and Delete, and a malformed task is refused with Status 6, a task that is not there with Status 8.
 */
@Component
class TaskItemStore implements ItemStore {

    private final Tasks tasks;

    TaskItemStore(Tasks tasks) {
        this.tasks = tasks;
    }

    @Override
    public Set<FolderType> folderTypes() {
        return Tasks.FOLDER_TYPES;
    }

    @Override
    public boolean filtered() {
        return false;
    }

    @Override
    public List<ItemStamp> stamps(long accountId, Collection<Long> ids) {
        return tasks.tasks(accountId, ids).stream().map(TaskItemStore::stamp).toList();
    }

    @Override
    public List<ItemStamp> scan(long accountId, long folderId, Instant since, @Nullable ItemStamp after, int limit) {
        return tasks.inFolder(accountId, folderId, after == null ? null : after.id(), limit).stream()
                .map(TaskItemStore::stamp)
                .toList();
    }

    @Override
    public long count(long accountId, long folderId, Instant since) {
        return tasks.count(accountId, folderId);
    }

    @Override
    public List<TaskView> fetch(long accountId, Collection<Long> ids) {
        return tasks.tasks(accountId, ids);
    }

    private static ItemStamp stamp(TaskView task) {
        String body = task.task().body();
        return new ItemStamp(
                task.id(), task.folderId(), Instant.EPOCH, task.modseq(), body == null ? 0 : body.length());
    }

    @Override
    public List<ClientResponse> apply(ClientChanges changes, List<ClientCommand> commands) {
        long accountId = changes.accountId();
        Set<Long> targets = new LinkedHashSet<>();
        for (ClientCommand command : commands) {
            changes.target(command).ifPresent(targets::add);
        }
        Map<Long, TaskView> present = new HashMap<>();
        for (TaskView task : tasks.tasks(accountId, targets)) {
            if (task.folderId() == changes.folderId()) {
                present.put(task.id(), task);
            }
        }
        Map<Long, Long> held = changes.heldModseqs(targets);
        List<ClientResponse> responses = new ArrayList<>();
        for (ClientCommand command : commands) {
            Optional<Long> target = changes.target(command);
            TaskView task = target.map(present::get).orElse(null);
            switch (command) {
                case ClientCommand.AddItem add -> {
                    Optional<String> earlier = changes.earlierAdd(add.clientId());
                    if (earlier.isPresent()) {
                        responses.add(new ClientResponse.Added(add.clientId(), earlier.get(), ItemStatus.SUCCESS));
                    } else if (add.content() instanceof TaskContent content) {
                        TaskView created = tasks.create(accountId, changes.folderId(), content);
                        present.put(created.id(), created);
                        responses.add(new ClientResponse.Added(
                                add.clientId(), changes.added(add.clientId(), created.id()), ItemStatus.SUCCESS));
                    } else {
                        responses.add(new ClientResponse.Added(add.clientId(), "", ItemStatus.CONVERSION_ERROR));
                    }
                }
                case ClientCommand.ChangeItem change -> {
                    if (task == null) {
                        responses.add(new ClientResponse.Changed(command.serverId(), ItemStatus.NOT_FOUND));
                    } else if (!(change.content() instanceof TaskContent content)) {
                        responses.add(new ClientResponse.Changed(command.serverId(), ItemStatus.CONVERSION_ERROR));
                    } else if (changes.serverWins(task.id(), held.get(task.id()), task.modseq())) {
                        responses.add(new ClientResponse.Changed(command.serverId(), ItemStatus.CONFLICT));
                    } else {
                        present.put(task.id(), tasks.update(accountId, task.id(), content));
                        changes.holds(task.id());
                    }
                }
                case ClientCommand.Delete delete -> {
                    if (target.isEmpty()) {
                        responses.add(new ClientResponse.Deleted(command.serverId(), ItemStatus.NOT_FOUND));
                    } else {
                        if (task != null) {
                            tasks.delete(accountId, List.of(task.id()));
                            present.remove(task.id());
                        }
                        changes.dropped(target.get());
                    }
                }
                case ClientCommand.Fetch fetch -> {
                    if (task == null) {
                        responses.add(new ClientResponse.NotFetched(command.serverId(), ItemStatus.NOT_FOUND));
                    } else {
                        responses.add(new ClientResponse.Fetched(command.serverId(), task));
                    }
                }
                case ClientCommand.Add add ->
                    responses.add(new ClientResponse.Added(add.clientId(), "", ItemStatus.CONVERSION_ERROR));
                case ClientCommand.Change change ->
                    responses.add(new ClientResponse.Changed(
                            command.serverId(), task == null ? ItemStatus.NOT_FOUND : ItemStatus.CONVERSION_ERROR));
            }
        }
        return responses;
    }
}
