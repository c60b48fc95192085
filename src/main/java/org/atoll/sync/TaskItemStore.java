package org.atoll.sync;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import org.atoll.mailbox.FolderType;
import org.atoll.mailbox.TaskContent;
import org.atoll.mailbox.TaskView;
import org.atoll.mailbox.Tasks;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Tasks as an item class (MS-ASTASK): the tasks of {@link Tasks} in folders of type 7 and 15. FilterType 0 syncs
 * every task, 8 the incomplete ones only (MS-ASCMD 2.2.3.69.2): a task completed anywhere leaves such a device with a
 * SoftDelete, one made incomplete again comes back as an Add. A device may Add, Change (the whole task) and Delete,
 * and a malformed task is refused with Status 6, a task that is not there with Status 8.
 */
@Component
class TaskItemStore extends WholeItemStore<TaskView, TaskContent> {

    /**
     * The {@link ItemStamp#since} of a task not complete, and the cutoff of FilterType 8; a complete task's is the
     * epoch, before it. The window is the task's state, not a time: these two instants only order the two states.
     */
    static final Instant INCOMPLETE = Instant.EPOCH.plusSeconds(1);

    private final Tasks tasks;

    TaskItemStore(Tasks tasks) {
        super(TaskContent.class);
        this.tasks = tasks;
    }

    @Override
    public Set<FolderType> folderTypes() {
        return Tasks.FOLDER_TYPES;
    }

    @Override
    public boolean takes(FilterType filter) {
        return filter == FilterType.ALL || filter == FilterType.INCOMPLETE_TASKS;
    }

    @Override
    public Instant cutoff(FilterType filter, Instant now) {
        return filter == FilterType.INCOMPLETE_TASKS ? INCOMPLETE : Instant.EPOCH;
    }

    @Override
    Instant since(TaskView task) {
        return task.task().complete() ? Instant.EPOCH : INCOMPLETE;
    }

    @Override
    List<TaskView> inFolder(long accountId, long folderId, Instant since, @Nullable Long afterId, int limit) {
        return tasks.inFolder(accountId, folderId, afterId, limit, !since.isBefore(INCOMPLETE));
    }

    @Override
    long countIn(long accountId, long folderId, Instant since) {
        return since.isBefore(INCOMPLETE)
                ? tasks.count(accountId, folderId)
                : tasks.countIncomplete(accountId, folderId);
    }

    @Override
    List<TaskView> find(long accountId, Collection<Long> ids) {
        return tasks.tasks(accountId, ids);
    }

    @Override
    List<TaskView> inFolder(long accountId, long folderId, @Nullable Long afterId, int limit) {
        return tasks.inFolder(accountId, folderId, afterId, limit);
    }

    @Override
    long countIn(long accountId, long folderId) {
        return tasks.count(accountId, folderId);
    }

    @Override
    TaskView create(long accountId, long folderId, TaskContent content) {
        return tasks.create(accountId, folderId, content);
    }

    @Override
    TaskView update(long accountId, long id, TaskContent content) {
        return tasks.update(accountId, id, content);
    }

    @Override
    void moveTo(long accountId, long id, long folderId) {
        tasks.move(accountId, id, folderId);
    }

    @Override
    void delete(long accountId, Collection<Long> ids) {
        tasks.delete(accountId, ids);
    }

    @Override
    int size(TaskView task) {
        return task.task().body() == null ? 0 : task.task().body().length();
    }
}
