package org.atoll.support;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/** Bounded waits for things that happen on other threads; generous bounds, no assertion on how long they took. */
public final class Waiting {

    public static final Duration BOUND = Duration.ofSeconds(60);

    private Waiting() {}

    public static <T> T result(CompletableFuture<T> future) throws Exception {
        return future.get(BOUND.toSeconds(), TimeUnit.SECONDS);
    }

    public static void until(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + BOUND.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Gave up waiting until " + what);
            }
            Thread.sleep(5);
        }
    }
}
