package org.atoll.transfer.internal;

/** Takes a source's messages one at a time, as they are read. */
public interface MessageSink {

    /** @return false when the import is to stop; the source then reads no further */
    boolean accept(SourceMessage message);

    /** A message the source could not read (or that is too large to keep); the rest goes on. */
    void failed(String what, long bytes);
}
