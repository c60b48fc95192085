package org.atoll.mailbox.internal;

import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

public interface FolderRepository extends JpaRepository<Folder, Long> {

    List<Folder> findByAccountIdOrderById(long accountId);

    Optional<Folder> findByAccountIdAndId(long accountId, long id);

    Optional<Folder> findByAccountIdAndRole(long accountId, String role);

    @Query("""
            select count(f) > 0 from Folder f
            where f.accountId = :accountId and lower(f.name) = lower(:name)
              and ((:parentId is null and f.parentId is null) or f.parentId = :parentId)
            """)
    boolean nameTaken(long accountId, @Nullable Long parentId, String name);
}
