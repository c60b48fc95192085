package org.atoll.mailbox.internal;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.atoll.mailbox.Attachment;
import org.atoll.mailbox.Flag;
import org.atoll.mailbox.LastVerb;
import org.atoll.mailbox.MessageView;
import org.atoll.mime.Importance;
import org.hibernate.annotations.DynamicUpdate;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;
import org.jspecify.annotations.Nullable;

/** A stored message, read and changed through JPA; {@link NewMessages} adds new ones in SQL. */
@Entity
@DynamicUpdate
@Table(name = "message")
public class Message {

    @Column(name = "account_id")
    private long accountId;

    @Id
    private @Nullable Long id;

    @Column(name = "folder_id")
    private long folderId;

    @Column(name = "blob_sha256")
    private byte[] blobSha256;

    @Column(name = "thread_id")
    private long threadId;

    @Column(name = "received_at")
    private Instant receivedAt;

    @Column(name = "sent_at")
    private @Nullable Instant sentAt;

    private @Nullable String subject;

    @Column(name = "thread_topic")
    private @Nullable String threadTopic;

    @Column(name = "from_list")
    private @Nullable String from;

    @Column(name = "from_address")
    private @Nullable String fromAddress;

    @Column(name = "to_list")
    private String to;

    @Column(name = "cc_list")
    private String cc;

    @Column(name = "reply_to_list")
    private String replyTo;

    @Column(name = "display_to")
    private String displayTo;

    @Column(name = "message_id_header")
    private @Nullable String messageIdHeader;

    @Column(name = "in_reply_to")
    private @Nullable String inReplyTo;

    @Column(name = "references_header")
    @JdbcTypeCode(SqlTypes.ARRAY)
    private String[] references;

    private short importance;

    private int size;

    private String preview;

    @Column(name = "has_html")
    private boolean hasHtml;

    @Column(name = "message_class")
    private String messageClass;

    private boolean malformed;

    @Column(name = "is_read")
    private boolean read;

    @Column(name = "flag_status")
    private short flagStatus;

    @Column(name = "flag_start_at")
    private @Nullable Instant flagStartAt;

    @Column(name = "flag_due_at")
    private @Nullable Instant flagDueAt;

    @Column(name = "flag_completed_at")
    private @Nullable Instant flagCompletedAt;

    @Column(name = "last_verb")
    private short lastVerb;

    @Column(name = "last_verb_at")
    private @Nullable Instant lastVerbAt;

    @JdbcTypeCode(SqlTypes.ARRAY)
    private String[] categories;

    private long modseq;

    protected Message() {
        this.blobSha256 = new byte[0];
        this.receivedAt = Instant.EPOCH;
        this.to = "";
        this.cc = "";
        this.replyTo = "";
        this.displayTo = "";
        this.references = new String[0];
        this.preview = "";
        this.categories = new String[0];
    }

    public long id() {
        if (id == null) {
            throw new IllegalStateException("The message is not saved yet");
        }
        return id;
    }

    public long folderId() {
        return folderId;
    }

    public byte[] blobSha256() {
        return blobSha256;
    }

    public int size() {
        return size;
    }

    public @Nullable String messageIdHeader() {
        return messageIdHeader;
    }

    public boolean markRead(boolean read, long modseq) {
        if (this.read == read) {
            return false;
        }
        this.read = read;
        this.modseq = modseq;
        return true;
    }

    public boolean flag(Flag flag, long modseq) {
        if (flag.equals(flag())) {
            return false;
        }
        this.flagStatus = (short) flag.status().code();
        this.flagStartAt = flag.startAt();
        this.flagDueAt = flag.dueAt();
        this.flagCompletedAt = flag.completedAt();
        this.modseq = modseq;
        return true;
    }

    public boolean categorize(List<String> categories, long modseq) {
        String[] next = categories.toArray(String[]::new);
        if (Arrays.equals(this.categories, next)) {
            return false;
        }
        this.categories = next;
        this.modseq = modseq;
        return true;
    }

    public void recordVerb(LastVerb verb, Instant at, long modseq) {
        this.lastVerb = (short) verb.code();
        this.lastVerbAt = at;
        this.modseq = modseq;
    }

    public void moveTo(long folderId, long modseq) {
        this.folderId = folderId;
        this.modseq = modseq;
    }

    private Flag flag() {
        return new Flag(Flag.Status.fromCode(flagStatus), flagStartAt, flagDueAt, flagCompletedAt);
    }

    public MessageView view(List<Attachment> attachments) {
        return new MessageView(
                id(),
                folderId,
                threadId,
                receivedAt,
                sentAt,
                subject,
                threadTopic,
                from,
                to,
                cc,
                replyTo,
                displayTo,
                messageIdHeader,
                inReplyTo,
                Importance.fromCode(importance),
                size,
                preview,
                hasHtml,
                messageClass,
                malformed,
                read,
                flag(),
                LastVerb.fromCode(lastVerb),
                lastVerbAt,
                List.of(categories),
                attachments,
                modseq);
    }
}
