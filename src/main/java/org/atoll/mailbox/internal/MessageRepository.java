package org.atoll.mailbox.internal;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

public interface MessageRepository extends JpaRepository<Message, Long> {

    Optional<Message> findByAccountIdAndId(long accountId, long id);

    List<Message> findByAccountIdAndIdIn(long accountId, Collection<Long> ids);

    @Query(value = """
                    SELECT * FROM message WHERE account_id = :accountId AND folder_id = :folderId
                    ORDER BY received_at DESC, id DESC LIMIT :limit OFFSET :offset
                    """, nativeQuery = true)
    List<Message> findInFolder(long accountId, long folderId, int limit, int offset);

    List<Message> findByAccountIdAndFolderIdIn(long accountId, Collection<Long> folderIds);

    long countByAccountIdAndFolderId(long accountId, long folderId);

    @Query("select m.id from Message m where m.accountId = :accountId and m.threadId = :threadId order by m.id")
    List<Long> findIdsByThread(long accountId, long threadId);

    /** Removes every message of an account, with their attachment rows (the foreign key cascades). */
    @Modifying(flushAutomatically = true, clearAutomatically = true)
    @Query(value = "DELETE FROM message WHERE account_id = :accountId", nativeQuery = true)
    int deleteAllOfAccount(long accountId);
}
