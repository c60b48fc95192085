package org.atoll.mailbox.internal;

import java.util.Optional;
import org.atoll.mailbox.FolderType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Reads of folders in plain SQL, for work that runs without a Hibernate session such as a Sync. */
@Component
public class FolderReads {

    private final JdbcClient jdbc;

    FolderReads(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The type of the account's folder, or empty when it is not the account's. */
    public Optional<FolderType> type(long accountId, long folderId) {
        return jdbc.sql("SELECT type FROM folder WHERE account_id = ? AND id = ?")
                .params(accountId, folderId)
                .query((row, n) -> FolderType.fromCode(row.getShort(1)))
                .optional();
    }
}
