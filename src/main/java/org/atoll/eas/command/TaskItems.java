package org.atoll.eas.command;

import java.util.Set;
import org.atoll.mailbox.FolderType;
import org.atoll.mailbox.InvalidMailboxRequest;
import org.atoll.mailbox.ItemContent;
import org.atoll.mailbox.ItemView;
import org.atoll.mailbox.TaskContent;
import org.atoll.mailbox.TaskView;
import org.atoll.mailbox.Tasks;
import org.atoll.tasks.MalformedTask;
import org.atoll.tasks.TaskEas;
import org.atoll.wbxml.WbxmlElement;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Tasks in Sync (MS-ASTASK 2.2.2) through {@link TaskEas}: the Tasks elements (code page 9) with the body as an
 * AirSyncBase Body of Type 1. A task that breaks MS-ASTASK ({@link MalformedTask}) or that the store cannot hold is
 * answered with Status 6.
 */
@Component
class TaskItems implements ItemCodec {

    /**
     * The version the codec writes and reads at, 14.1: the recurrence's CalendarType, IsLeapMonth and
     * FirstDayOfWeek (MS-ASTASK 2.2.2.20) are written whenever a task has them.
     */
    private static final int PROTOCOL_VERSION = 141;

    @Override
    public Set<FolderType> folderTypes() {
        return Tasks.FOLDER_TYPES;
    }

    @Override
    public WbxmlElement applicationData(ItemView item) {
        return TaskEas.applicationData(((TaskView) item).task(), PROTOCOL_VERSION, null);
    }

    @Override
    public @Nullable ItemContent read(@Nullable WbxmlElement data) {
        if (data == null) {
            return null;
        }
        try {
            return new TaskContent(TaskEas.read(data, PROTOCOL_VERSION));
        } catch (MalformedTask | InvalidMailboxRequest e) {
            return null;
        }
    }
}
