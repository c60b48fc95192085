package org.atoll.transfer;

/**
 * Told of an import's progress: after each stored batch, at each folder's end and once when the run ends. Called on
 * the importing thread, so it should return quickly.
 */
@FunctionalInterface
public interface ImportListener {

    ImportListener NONE = progress -> {};

    void progressed(ImportProgress progress);
}
