package org.atoll.eas.command;

import java.util.Set;
import org.atoll.eas.request.EasProtocolVersion;
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
 * Tasks in Sync (MS-ASTASK 2.2.2) through {@link TaskEas}, at the device's protocol version: the Tasks elements (code
 * page 9) with the body as an AirSyncBase Body of Type 1; a recurrence's CalendarType and IsLeapMonth only from 14.0
 * on (MS-ASTASK 2.2.2.4, 2.2.2.16), its FirstDayOfWeek only from 14.1 on (2.2.2.13); a change from an older device
 * keeps what a newer one set of them. A task that breaks MS-ASTASK
 * ({@link MalformedTask}) or that the store cannot hold is answered with Status 6.
 */
@Component
class TaskItems implements ItemCodec {

    @Override
    public Set<FolderType> folderTypes() {
        return Tasks.FOLDER_TYPES;
    }

    @Override
    public WbxmlElement applicationData(ItemView item, EasProtocolVersion version) {
        return TaskEas.applicationData(((TaskView) item).task(), version.code(), null);
    }

    @Override
    public @Nullable ItemContent read(@Nullable WbxmlElement data, EasProtocolVersion version) {
        if (data == null) {
            return null;
        }
        try {
            return TaskContent.writtenWithout(
                    TaskEas.read(data, version.code()),
                    !version.atLeast(EasProtocolVersion.V14_0),
                    !version.atLeast(EasProtocolVersion.V14_1));
        } catch (MalformedTask | InvalidMailboxRequest e) {
            return null;
        }
    }
}
