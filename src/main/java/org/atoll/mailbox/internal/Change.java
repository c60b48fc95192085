package org.atoll.mailbox.internal;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.atoll.mailbox.ChangeKind;
import org.jspecify.annotations.Nullable;

/** What one mutation touched, collected under the modseq it took. */
public final class Change {

    /** @param properties the bits of the {@code MessageProperty} values a change touched; null for the whole item */
    record Row(
            long folderId,
            @Nullable Long messageId,
            ChangeKind kind,
            @Nullable Integer properties) {

        Row(long folderId, @Nullable Long messageId, ChangeKind kind) {
            this(folderId, messageId, kind, null);
        }
    }

    private final long accountId;
    private final long modseq;
    private final long usedBytes;
    private final List<Row> rows = new ArrayList<>();
    private int written;

    Change(long accountId, long modseq, long usedBytes) {
        this.accountId = accountId;
        this.modseq = modseq;
        this.usedBytes = usedBytes;
    }

    /** The mailbox's size in bytes once this change commits. */
    public long usedBytes() {
        return usedBytes;
    }

    public long accountId() {
        return accountId;
    }

    public long modseq() {
        return modseq;
    }

    public void messageAdded(long folderId, long messageId) {
        rows.add(new Row(folderId, messageId, ChangeKind.MESSAGE_ADDED));
    }

    /** The ordinal that the next journal row of this change takes. */
    int nextOrdinal() {
        return rows.size();
    }

    /**
     * Records an addition whose journal row the caller's own statement already wrote under {@link #nextOrdinal}.
     * Only rows before any unwritten one can be written that way, so that {@link Journal#commit} writes the rest in
     * order.
     */
    void messageAddedAndWritten(long folderId, long messageId) {
        if (written != rows.size()) {
            throw new IllegalStateException("Journal rows must be written in order");
        }
        messageAdded(folderId, messageId);
        written++;
    }

    /**
     * Records a row that the caller's own statement already wrote under {@link #nextOrdinal}, in the order of the
     * ordinals, before any unwritten row.
     *
     * @param properties the bits of the message properties changed, null for the whole item
     */
    void rowWritten(long folderId, long messageId, ChangeKind kind, @Nullable Integer properties) {
        if (written != rows.size()) {
            throw new IllegalStateException("Journal rows must be written in order");
        }
        rows.add(new Row(folderId, messageId, kind, properties));
        written++;
    }

    /** How many of the rows, from the first, are already in the journal table. */
    int written() {
        return written;
    }

    public void messageChanged(long folderId, long messageId) {
        rows.add(new Row(folderId, messageId, ChangeKind.MESSAGE_CHANGED));
    }

    /** A change of some properties of a message only, given as the bits of their {@code MessageProperty} values. */
    public void propertiesChanged(long folderId, long messageId, int properties) {
        rows.add(new Row(folderId, messageId, ChangeKind.MESSAGE_CHANGED, properties));
    }

    public void messageRemoved(long folderId, long messageId) {
        rows.add(new Row(folderId, messageId, ChangeKind.MESSAGE_REMOVED));
    }

    public void folderCreated(long folderId) {
        rows.add(new Row(folderId, null, ChangeKind.FOLDER_CREATED));
    }

    public void folderUpdated(long folderId) {
        rows.add(new Row(folderId, null, ChangeKind.FOLDER_UPDATED));
    }

    public void folderDeleted(long folderId) {
        rows.add(new Row(folderId, null, ChangeKind.FOLDER_DELETED));
    }

    List<Row> rows() {
        return rows;
    }

    Set<Long> folderIds() {
        Set<Long> folders = new LinkedHashSet<>();
        rows.forEach(row -> folders.add(row.folderId()));
        return Set.copyOf(folders);
    }

    boolean hierarchyChanged() {
        return rows.stream().anyMatch(row -> row.kind().isHierarchyChange());
    }
}
