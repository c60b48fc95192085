package org.atoll.mailbox;

/**
 * What every stored item (a message, a note) shows the sync engine: which item, where it is, and the modseq of its
 * last change. A device that received the item at an older modseq is owed a Change.
 */
public interface ItemView {

    long id();

    long folderId();

    long modseq();
}
