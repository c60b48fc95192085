package org.atoll.push;

import java.util.List;
import java.util.Optional;

/**
 * What a parked request waits for, checked for many parked requests of one account at once: after a wake-up the
 * requests of the account that share one check are checked together, so that a change seen by thousands of
 * devices costs a few statements, not a few per device.
 *
 * @param <K> what one parked request waits on, kept while it is parked
 * @param <T> a request's answer
 */
public interface BatchCheck<K, T> {

    /**
     * @param keys at most {@link #batchSize()} keys of parked requests of the account
     * @return for each key, in order, its answer, or empty to keep waiting; a check must change nothing for a key
     *     it answers empty
     */
    List<Optional<T>> check(long accountId, List<K> keys);

    /** The most keys one call takes. */
    int batchSize();
}
