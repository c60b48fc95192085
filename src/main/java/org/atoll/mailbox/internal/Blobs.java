package org.atoll.mailbox.internal;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Raw MIME stored once per account under its SHA-256; {@link NewMessages} adds it. */
@Component
public class Blobs {

    private final JdbcClient jdbc;

    Blobs(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<byte[]> read(long accountId, byte[] sha256) {
        return jdbc.sql("SELECT content FROM blob WHERE account_id = ? AND sha256 = ?")
                .params(accountId, sha256)
                .query(byte[].class)
                .optional();
    }

    /** The raw MIME of several messages in one read, by message id; a message that is gone is left out. */
    public Map<Long, byte[]> ofMessages(long accountId, Collection<Long> messageIds) {
        Map<Long, byte[]> contents = new HashMap<>();
        if (messageIds.isEmpty()) {
            return contents;
        }
        jdbc.sql("""
                        SELECT m.id, b.content FROM message m
                        JOIN blob b ON b.account_id = m.account_id AND b.sha256 = m.blob_sha256
                        WHERE m.account_id = ? AND m.id = ANY(?)
                        """)
                .params(accountId, messageIds.toArray(Long[]::new))
                .query((row, n) -> Map.entry(row.getLong(1), row.getBytes(2)))
                .list()
                .forEach(entry -> contents.put(entry.getKey(), entry.getValue()));
        return contents;
    }

    /** Removes the bytes once no message of the account refers to them any more. */
    public void deleteIfUnreferenced(long accountId, byte[] sha256) {
        jdbc.sql("""
                        DELETE FROM blob b WHERE b.account_id = ? AND b.sha256 = ?
                        AND NOT EXISTS (SELECT 1 FROM message m WHERE m.account_id = b.account_id
                                        AND m.blob_sha256 = b.sha256)
                        """).params(accountId, sha256).update();
    }

    static byte[] sha256(byte[] content) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(content);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JDK provides SHA-256", e);
        }
    }
}
