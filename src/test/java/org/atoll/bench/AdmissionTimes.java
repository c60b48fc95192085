package org.atoll.bench;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.CountAtBucket;
import io.micrometer.core.instrument.distribution.HistogramSnapshot;
import java.util.concurrent.TimeUnit;

/**
 * The server's own record of its ActiveSync requests' database slots ({@code atoll.admission.wait} and
 * {@code atoll.admission.work}, purpose {@code request}, and the wait of the sign-ins' reads before them, purpose
 * {@code sign-in}) over one measured phase: the 99th percentile of the wait for a slot and of the work in it, read from the difference of the timers' histograms at the phase's start and end, as
 * Prometheus's {@code histogram_quantile} would. A percentile is the upper bound of the histogram bucket it falls in
 * (buckets are 10 to 30 % apart), so it is exact to that bucket.
 */
final class AdmissionTimes {

    private static final String REQUEST = "request";
    private static final String SIGN_IN = "sign-in";

    private final MeterRegistry registry;

    AdmissionTimes(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Where the timers stand now. */
    Mark mark() {
        return new Mark(
                snapshot("atoll.admission.wait", REQUEST),
                snapshot("atoll.admission.work", REQUEST),
                snapshot("atoll.admission.wait", SIGN_IN));
    }

    record Mark(HistogramSnapshot waited, HistogramSnapshot worked, HistogramSnapshot signInWaited) {}

    /** The p99 of the commands' waits for a slot since the mark, in milliseconds; 0 when no request came. */
    double waitP99(Mark since) {
        return p99(since.waited(), snapshot("atoll.admission.wait", REQUEST));
    }

    /** The p99 of the commands' work in a slot since the mark, in milliseconds; 0 when no request came. */
    double workP99(Mark since) {
        return p99(since.worked(), snapshot("atoll.admission.work", REQUEST));
    }

    /** The p99 of the sign-ins' waits for a slot since the mark, in milliseconds; 0 when no request came. */
    double signInWaitP99(Mark since) {
        return p99(since.signInWaited(), snapshot("atoll.admission.wait", SIGN_IN));
    }

    private HistogramSnapshot snapshot(String name, String purpose) {
        Timer timer = registry.find(name).tag("purpose", purpose).timer();
        return timer == null ? HistogramSnapshot.empty(0, 0, 0) : timer.takeSnapshot();
    }

    /** The bucket holding the 99th percentile of what was recorded between two snapshots (cumulative buckets). */
    private static double p99(HistogramSnapshot before, HistogramSnapshot after) {
        long count = after.count() - before.count();
        if (count == 0) {
            return 0;
        }
        long rank = (long) Math.ceil(0.99 * count);
        CountAtBucket[] earlier = before.histogramCounts();
        CountAtBucket[] later = after.histogramCounts();
        for (int i = 0; i < later.length; i++) {
            double inOrBelow = later[i].count() - (i < earlier.length ? earlier[i].count() : 0);
            if (inOrBelow >= rank) {
                return later[i].bucket(TimeUnit.MILLISECONDS);
            }
        }
        return after.max(TimeUnit.MILLISECONDS);
    }
}
