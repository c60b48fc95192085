package org.atoll.transfer.internal;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.atoll.mailbox.Flag;
import org.atoll.mailbox.IncomingMessage;
import org.atoll.mailbox.LastVerb;
import org.atoll.mailbox.Mailboxes;
import org.atoll.mailbox.MessageBytes;
import org.atoll.mailbox.MessageView;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Stores a batch of imported messages in one folder in one transaction: under the account's writer lock it leaves
 * out what the ledger says an earlier run stored (by content SHA-256, per folder), stores the rest through
 * {@link Mailboxes#deliverAll} (journal, modseq, quota, NOTIFY on commit) and writes their ledger rows. Message and
 * ledger row commit together, so an import stopped at any point and started again never stores a message twice.
 */
@Component
public class ImportBatches {

    /** What one batch did. */
    public record Stored(int stored, int skipped, int malformed) {}

    private final Mailboxes mailboxes;
    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;

    ImportBatches(Mailboxes mailboxes, JdbcClient jdbc, PlatformTransactionManager transactions) {
        this.mailboxes = mailboxes;
        this.jdbc = jdbc;
        this.transaction = new TransactionTemplate(transactions);
    }

    public Stored store(long accountId, long folderId, List<SourceMessage> batch) {
        List<MessageBytes> raws =
                batch.stream().map(m -> MessageBytes.of(m.raw())).toList();
        List<byte[]> hashes = raws.stream().map(MessageBytes::sha256).toList();
        Stored result = transaction.execute(status -> {
            mailboxes.holdWriterLock(accountId);
            Set<ByteBuffer> known = new HashSet<>();
            jdbc.sql("SELECT content_sha256 FROM import_ledger"
                            + " WHERE account_id = ? AND folder_id = ? AND content_sha256 = ANY(?)")
                    .params(accountId, folderId, hashes.toArray(byte[][]::new))
                    .query((row, n) -> row.getBytes(1))
                    .list()
                    .forEach(sha -> known.add(ByteBuffer.wrap(sha)));
            List<IncomingMessage> fresh = new ArrayList<>();
            List<byte[]> freshHashes = new ArrayList<>();
            for (int i = 0; i < batch.size(); i++) {
                if (known.add(ByteBuffer.wrap(hashes.get(i)))) {
                    SourceMessage m = batch.get(i);
                    fresh.add(new IncomingMessage(
                            raws.get(i),
                            m.receivedAt(),
                            m.seen(),
                            m.flagged() ? Flag.active(null, null) : Flag.CLEARED,
                            m.answered() ? LastVerb.REPLY_TO_SENDER : LastVerb.NONE));
                    freshHashes.add(hashes.get(i));
                }
            }
            List<MessageView> stored = mailboxes.deliverAll(accountId, folderId, fresh);
            if (!stored.isEmpty()) {
                jdbc.sql("INSERT INTO import_ledger (account_id, folder_id, content_sha256, message_id_header,"
                                + " message_id) SELECT ?, ?, * FROM unnest(?::bytea[], ?::text[], ?::bigint[])")
                        .params(
                                accountId,
                                folderId,
                                freshHashes.toArray(byte[][]::new),
                                stored.stream()
                                        .map(MessageView::messageIdHeader)
                                        .toArray(String[]::new),
                                stored.stream().map(MessageView::id).toArray(Long[]::new))
                        .update();
            }
            int malformed = (int) stored.stream().filter(MessageView::malformed).count();
            return new Stored(stored.size(), batch.size() - stored.size(), malformed);
        });
        return result == null ? new Stored(0, 0, 0) : result;
    }

    /**
     * Of these candidates, the ones whose Message-ID and size match a message the ledger says an earlier run stored
     * in the folder and that is still in the mailbox.
     */
    public Set<MessageSink.Known> storedBefore(
            long accountId, long folderId, Collection<MessageSink.Known> candidates) {
        if (candidates.isEmpty()) {
            return Set.of();
        }
        Set<String> headers = new HashSet<>();
        for (MessageSink.Known known : candidates) {
            headers.add(known.messageId());
            headers.add("<" + known.messageId() + ">");
        }
        Set<MessageSink.Known> found = new HashSet<>();
        jdbc.sql("SELECT l.message_id_header, m.size FROM import_ledger l"
                        + " JOIN message m ON m.account_id = l.account_id AND m.id = l.message_id"
                        + " WHERE l.account_id = ? AND l.folder_id = ? AND l.message_id_header = ANY(?)")
                .params(accountId, folderId, headers.toArray(String[]::new))
                .query((row, n) -> {
                    String id = MessageSink.Known.normalize(row.getString(1));
                    return id == null ? null : new MessageSink.Known(id, row.getLong(2));
                })
                .list()
                .forEach(known -> {
                    if (known != null) {
                        found.add(known);
                    }
                });
        found.retainAll(new HashSet<>(candidates));
        return found;
    }
}
