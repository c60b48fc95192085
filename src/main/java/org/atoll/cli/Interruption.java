package org.atoll.cli;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * Ctrl-C or a TERM signal while long work runs (an import): the work is told to stop after the message it is on, so
 * that what it stored stays stored and the same command run again goes on from there. The process waits for that
 * stop a little while before it ends.
 */
interface Interruption {

    /** Watches for an interruption until the watch is closed; {@code stop} runs when one comes. */
    Watch watch(Runnable stop);

    /** One piece of work being watched. */
    interface Watch extends AutoCloseable {

        /** Called by the work between two steps, after each stored batch. */
        void step();

        /** The work ended: a waiting shutdown goes on, and no later interruption reaches it. */
        @Override
        void close();
    }

    /** Nothing ever interrupts. */
    Interruption NEVER = stop -> new Watch() {
        @Override
        public void step() {}

        @Override
        public void close() {}
    };

    /**
     * The process's own signals (Ctrl-C, TERM): one shutdown hook that stops the work being watched, waits up to
     * half a minute for it to end, and only then closes the services (and with them the embedded
     * database), so that the batch in hand is stored before the database goes away.
     */
    final class Signals implements Interruption {

        static final long WAIT_SECONDS = 30;

        private final AutoCloseable services;
        private volatile @Nullable Runnable stop;
        private volatile CountDownLatch ended = new CountDownLatch(0);

        private Signals(AutoCloseable services) {
            this.services = services;
        }

        /** Installs the hook; the services it closes then must register no hook of their own. */
        static Signals install(AutoCloseable services) {
            Signals signals = new Signals(services);
            Runtime.getRuntime().addShutdownHook(new Thread(signals::shutDown, "atoll-shutdown"));
            return signals;
        }

        @Override
        public Watch watch(Runnable stop) {
            CountDownLatch watched = new CountDownLatch(1);
            this.ended = watched;
            this.stop = stop;
            return new Watch() {
                @Override
                public void step() {}

                @Override
                public void close() {
                    Signals.this.stop = null;
                    watched.countDown();
                }
            };
        }

        private void shutDown() {
            Runnable running = stop;
            if (running != null) {
                running.run();
                try {
                    ended.await(WAIT_SECONDS, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            try {
                services.close();
            } catch (Exception e) {
                // The process ends either way; the embedded database's own lock file tells the next start.
            }
        }
    }
}
