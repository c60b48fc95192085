package org.atoll.mailbox;

import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import org.atoll.mailbox.internal.Change;
import org.atoll.mailbox.internal.Folder;
import org.atoll.mailbox.internal.FolderRepository;
import org.atoll.mailbox.internal.Journal;
import org.atoll.mailbox.internal.TaskStore;
import org.atoll.shared.PageOf;
import org.atoll.tasks.Task;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The one way to read and change an account's tasks (MS-ASTASK), for every front end. Like every mutation of
 * {@link Mailboxes}, {@link Notes} and {@link Contacts}, each change is one transaction that takes the account's next modseq first and
 * journals the task it touched in its folder (the journal's item id is the task's id), so it wakes parked
 * Pings on commit and reaches every device but the one it came from ({@link ChangeOrigin}).
 */
@Service
public class Tasks {

    /** Folder types that hold tasks, MS-ASCMD 2.2.3.186.3: the default Tasks folder and user-created ones. */
    public static final Set<FolderType> FOLDER_TYPES = Set.of(FolderType.TASKS, FolderType.USER_TASKS);

    /** The most tasks one page holds. */
    public static final int MAX_PAGE = 1000;

    private final TaskStore store;
    private final FolderRepository folders;
    private final Journal journal;
    private final Clock clock;

    Tasks(TaskStore store, FolderRepository folders, Journal journal, Clock clock) {
        this.store = store;
        this.folders = folders;
        this.journal = journal;
        this.clock = clock;
    }

    /**
     * @throws FolderNotFound when the folder is not the account's or holds no tasks
     */
    @Transactional
    public TaskView create(long accountId, long folderId, TaskContent content) {
        Change change = journal.begin(accountId);
        tasksFolder(accountId, folderId);
        TaskView task = store.insert(accountId, folderId, content.task(), clock.instant(), change.modseq());
        change.messageAdded(folderId, task.id());
        journal.commit(change);
        return task;
    }

    /**
     * Replaces what the task says, but for the recurrence properties the content's writer could not say, which keep
     * their stored values ({@link TaskContent#writtenWithout}).
     *
     * @throws TaskNotFound when the account has no such task
     */
    @Transactional
    public TaskView update(long accountId, long taskId, TaskContent content) {
        Change change = journal.begin(accountId);
        Task said = content.task();
        if (content.calendarTypeUnsaid() || content.firstDayOfWeekUnsaid()) {
            Task stored = store.of(accountId, List.of(taskId)).stream()
                    .findFirst()
                    .orElseThrow(() -> new TaskNotFound(taskId))
                    .task();
            said = content.mergedWith(stored);
        }
        TaskView task = store.update(accountId, taskId, said, clock.instant(), change.modseq())
                .orElseThrow(() -> new TaskNotFound(taskId));
        change.messageChanged(task.folderId(), task.id());
        journal.commit(change);
        return task;
    }

    /**
     * Moves the task to another folder of tasks (MoveItems, MS-ASCMD 2.2.1.12), journaled as a removal from its folder
     * and an addition to the other, so other devices get a Delete and an Add.
     *
     * @throws TaskNotFound when the account has no such task
     * @throws FolderNotFound when the folder is not the account's or holds no tasks
     */
    @Transactional
    public TaskView move(long accountId, long taskId, long folderId) {
        Change change = journal.begin(accountId);
        tasksFolder(accountId, folderId);
        TaskView task =
                store.of(accountId, List.of(taskId)).stream().findFirst().orElseThrow(() -> new TaskNotFound(taskId));
        if (task.folderId() != folderId) {
            store.move(accountId, taskId, folderId, change.modseq());
            change.messageRemoved(task.folderId(), taskId);
            change.messageAdded(folderId, taskId);
        }
        journal.commit(change);
        return store.of(accountId, List.of(taskId)).getFirst();
    }

    /** Deletes the tasks among the ids that exist; the others are already gone. */
    @Transactional
    public void delete(long accountId, Collection<Long> taskIds) {
        Change change = journal.begin(accountId);
        List<TaskView> gone = store.delete(accountId, taskIds);
        gone.forEach(task -> change.messageRemoved(task.folderId(), task.id()));
        journal.commit(change);
    }

    /** @throws TaskNotFound when the account has no such task */
    @Transactional(readOnly = true)
    public TaskView task(long accountId, long taskId) {
        return store.of(accountId, List.of(taskId)).stream().findFirst().orElseThrow(() -> new TaskNotFound(taskId));
    }

    /** The tasks that still exist among the ids, in no particular order. */
    @Transactional(readOnly = true)
    public List<TaskView> tasks(long accountId, Collection<Long> taskIds) {
        return store.of(accountId, taskIds);
    }

    /** A folder's tasks by descending id, continuing after {@code afterId} (null: from the newest). */
    @Transactional(readOnly = true)
    public List<TaskView> inFolder(long accountId, long folderId, @Nullable Long afterId, int limit) {
        return inFolder(accountId, folderId, afterId, limit, false);
    }

    /**
     * {@link #inFolder(long, long, Long, int)}, of the tasks not complete only when {@code incompleteOnly} (the
     * FilterType of incomplete tasks, MS-ASCMD 2.2.3.69.2).
     */
    @Transactional(readOnly = true)
    public List<TaskView> inFolder(
            long accountId, long folderId, @Nullable Long afterId, int limit, boolean incompleteOnly) {
        return store.inFolder(accountId, folderId, afterId, Math.clamp(limit, 1, Mailboxes.MAX_PAGE), incompleteOnly);
    }

    /** How many tasks the folder holds (of the whole account when {@code folderId} is null). */
    @Transactional(readOnly = true)
    public long count(long accountId, @Nullable Long folderId) {
        return store.count(accountId, folderId, false);
    }

    /** How many tasks of the folder are not complete. */
    @Transactional(readOnly = true)
    public long countIncomplete(long accountId, long folderId) {
        return store.count(accountId, folderId, true);
    }

    /** A page of the account's tasks (of one folder when given), oldest first. */
    @Transactional(readOnly = true)
    public PageOf<TaskView> page(long accountId, @Nullable Long folderId, int page, int size) {
        return page(accountId, folderId, null, page, size);
    }

    /**
     * A page of the account's tasks (of one folder when given) holding every word of the query, oldest first; a null
     * or blank query finds them all.
     */
    @Transactional(readOnly = true)
    public PageOf<TaskView> page(long accountId, @Nullable Long folderId, @Nullable String query, int page, int size) {
        if (folderId != null) {
            tasksFolder(accountId, folderId);
        }
        int checkedSize = Math.clamp(size, 1, MAX_PAGE);
        int checkedPage = Math.max(page, 0);
        List<TaskView> items = store.page(accountId, folderId, query, (long) checkedPage * checkedSize, checkedSize);
        return new PageOf<>(items, checkedPage, checkedSize, store.count(accountId, folderId, query));
    }

    /** The account's default Tasks folder. */
    @Transactional(readOnly = true)
    public FolderView defaultFolder(long accountId) {
        return folders.findByAccountIdAndRole(accountId, SystemFolder.TASKS.name())
                .orElseThrow(() -> new MailboxNotFound(accountId))
                .view();
    }

    private Folder tasksFolder(long accountId, long folderId) {
        return folders.findByAccountIdAndId(accountId, folderId)
                .filter(folder -> FOLDER_TYPES.contains(folder.view().type()))
                .orElseThrow(() -> new FolderNotFound(folderId));
    }
}
