package org.atoll.transfer.internal;

import java.util.List;

/** An open import source: its folders, then each folder's messages. */
public interface MailSource extends AutoCloseable {

    /**
     * @throws SourceFailure when the source cannot be read at all (no connection, login refused)
     */
    List<SourceFolder> folders();

    /**
     * Reads a folder's messages into the sink, in the source's order, until it is done or the sink says stop.
     *
     * @throws SourceFailure when the folder cannot be read; messages read before stay in the sink
     */
    void read(SourceFolder folder, MessageSink sink);

    @Override
    void close();
}
