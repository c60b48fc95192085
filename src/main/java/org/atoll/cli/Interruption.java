package org.atoll.cli;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

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

    /** The process's own signals, through a shutdown hook that stops the work and waits for it to end. */
    static Interruption signals() {
        return ShutdownHookWatch::new;
    }

    /** Stops the work from a shutdown hook and holds the shutdown until the work ends, at most half a minute. */
    final class ShutdownHookWatch implements Watch {

        private static final long WAIT_SECONDS = 30;

        private final CountDownLatch ended = new CountDownLatch(1);
        private final Thread hook;

        ShutdownHookWatch(Runnable stop) {
            this.hook = new Thread(
                    () -> {
                        stop.run();
                        try {
                            ended.await(WAIT_SECONDS, TimeUnit.SECONDS);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    },
                    "atoll-interrupted");
            Runtime.getRuntime().addShutdownHook(hook);
        }

        @Override
        public void step() {}

        @Override
        public void close() {
            ended.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // The hook runs already; the count-down above lets it return.
            }
        }
    }
}
