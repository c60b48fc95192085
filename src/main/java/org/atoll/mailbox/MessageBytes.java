package org.atoll.mailbox;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * A raw message with the SHA-256 of its bytes, the key its blob is stored under once per account. The digest is
 * computed here only, either in one pass over bytes already held ({@link #of}) or while the bytes are read
 * ({@link Reading}), so a caller cannot hand in a digest that does not match.
 *
 * <p>Shares its arrays: neither the caller nor the store changes them after the message is made.
 */
public final class MessageBytes {

    private final byte[] bytes;
    private final byte[] sha256;

    private MessageBytes(byte[] bytes, byte[] sha256) {
        this.bytes = bytes;
        this.sha256 = sha256;
    }

    /** The message of bytes already read, digested in one pass. */
    public static MessageBytes of(byte[] bytes) {
        MessageDigest digest = newDigest();
        return new MessageBytes(bytes, digest.digest(bytes));
    }

    public byte[] bytes() {
        return bytes;
    }

    public byte[] sha256() {
        return sha256;
    }

    public int size() {
        return bytes.length;
    }

    /**
     * Collects a message as it is read, byte by byte or in runs, and digests it along the way: each time
     * {@link #DIGEST_RUN} bytes have come in since the last update, while they are still in the processor's cache.
     * Not thread-safe; one per message.
     */
    public static final class Reading {

        /** Bytes collected before the digest is brought up to date. */
        static final int DIGEST_RUN = 16 * 1024;

        private final MessageDigest digest = newDigest();
        private final int maxSize;
        private byte[] buffer;
        private int size;
        private int digested;

        /**
         * @param expected the size to allocate for at first; the buffer doubles beyond it as needed
         * @param maxSize the most bytes the message may hold; the buffer never grows beyond it
         */
        public Reading(int expected, int maxSize) {
            this.maxSize = maxSize;
            this.buffer = new byte[Math.min(maxSize, Math.max(16, expected))];
        }

        public void add(int b) {
            if (size == buffer.length) {
                grow(size + 1);
            }
            buffer[size++] = (byte) b;
            if (size - digested >= DIGEST_RUN) {
                catchUp();
            }
        }

        public void add(byte[] bytes, int offset, int length) {
            if (size + length > buffer.length) {
                grow(size + length);
            }
            System.arraycopy(bytes, offset, buffer, size, length);
            size += length;
            if (size - digested >= DIGEST_RUN) {
                catchUp();
            }
        }

        public int size() {
            return size;
        }

        /** The message read so far; the reading is done with. */
        public MessageBytes done() {
            catchUp();
            byte[] bytes = size == buffer.length ? buffer : Arrays.copyOf(buffer, size);
            return new MessageBytes(bytes, digest.digest());
        }

        private void catchUp() {
            digest.update(buffer, digested, size - digested);
            digested = size;
        }

        private void grow(int needed) {
            if (needed > maxSize) {
                throw new IllegalStateException("This message may hold at most " + maxSize + " bytes");
            }
            buffer = Arrays.copyOf(buffer, (int) Math.min(maxSize, Math.max(2L * buffer.length, needed)));
        }
    }

    private static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JDK provides SHA-256", e);
        }
    }
}
