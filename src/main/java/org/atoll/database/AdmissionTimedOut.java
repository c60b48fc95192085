package org.atoll.database;

import java.time.Duration;

/** No slot for database work came free within the wait; the work did not run and may be asked for again. */
public final class AdmissionTimedOut extends RuntimeException {

    public AdmissionTimedOut(Duration waited) {
        super("No database slot came free within " + waited.toMillis() + " ms; try again later");
    }
}
