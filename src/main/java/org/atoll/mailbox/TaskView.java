package org.atoll.mailbox;

import java.time.Instant;
import org.atoll.tasks.Task;

/** A stored task (MS-ASTASK 2.2.2): its folder, what it says, when it last changed, and the modseq of that change. */
public record TaskView(long id, long folderId, Task task, Instant lastModified, long modseq) implements ItemView {}
