package org.atoll.bench;

import java.util.Arrays;

/** Latencies of one measured phase, in nanoseconds, collected from many threads. */
final class Samples {

    private long[] nanos = new long[1024];
    private int size;

    synchronized void add(long latencyNanos) {
        if (size == nanos.length) {
            nanos = Arrays.copyOf(nanos, size * 2);
        }
        nanos[size++] = latencyNanos;
    }

    synchronized int count() {
        return size;
    }

    /** The given percentile (0 to 100) in milliseconds, nearest rank; 0 when nothing was recorded. */
    synchronized double percentileMillis(double percentile) {
        if (size == 0) {
            return 0;
        }
        long[] sorted = Arrays.copyOf(nanos, size);
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(percentile / 100.0 * size) - 1;
        return sorted[Math.clamp(rank, 0, size - 1)] / 1e6;
    }
}
