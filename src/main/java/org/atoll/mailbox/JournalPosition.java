package org.atoll.mailbox;

/**
 * A point in an account's journal: a modseq and the entry's ordinal within that modseq. One mutation can touch
 * many messages under one modseq, so a reader that pages through the journal needs both to resume exactly.
 */
public record JournalPosition(long modseq, int ordinal) implements Comparable<JournalPosition> {

    public static final JournalPosition START = new JournalPosition(0, 0);

    /** The position after every entry of the given modseq. */
    public static JournalPosition afterModseq(long modseq) {
        return new JournalPosition(modseq, Integer.MAX_VALUE);
    }

    @Override
    public int compareTo(JournalPosition other) {
        int byModseq = Long.compare(modseq, other.modseq);
        return byModseq != 0 ? byModseq : Integer.compare(ordinal, other.ordinal);
    }
}
