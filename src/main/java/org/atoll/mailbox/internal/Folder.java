package org.atoll.mailbox.internal;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.atoll.mailbox.FolderType;
import org.atoll.mailbox.FolderView;
import org.atoll.mailbox.SystemFolder;
import org.jspecify.annotations.Nullable;

@Entity
@Table(name = "folder")
public class Folder {

    @Column(name = "account_id")
    private long accountId;

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private @Nullable Long id;

    @Column(name = "parent_id")
    private @Nullable Long parentId;

    private String name;

    private short type;

    private @Nullable String role;

    private long modseq;

    protected Folder() {
        this.name = "";
    }

    public Folder(
            long accountId,
            @Nullable Long parentId,
            String name,
            FolderType type,
            @Nullable SystemFolder role,
            long modseq) {
        this.accountId = accountId;
        this.parentId = parentId;
        this.name = name;
        this.type = (short) type.code();
        this.role = role == null ? null : role.name();
        this.modseq = modseq;
    }

    public long id() {
        if (id == null) {
            throw new IllegalStateException("The folder is not saved yet");
        }
        return id;
    }

    public long accountId() {
        return accountId;
    }

    public @Nullable Long parentId() {
        return parentId;
    }

    public String name() {
        return name;
    }

    public @Nullable SystemFolder role() {
        return role == null ? null : SystemFolder.valueOf(role);
    }

    public void relocate(@Nullable Long parentId, String name, long modseq) {
        this.parentId = parentId;
        this.name = name;
        this.modseq = modseq;
    }

    public FolderView view() {
        return new FolderView(id(), parentId, name, FolderType.fromCode(type), role(), modseq);
    }
}
