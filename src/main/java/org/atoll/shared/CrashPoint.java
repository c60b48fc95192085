package org.atoll.shared;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Named places where the crash-consistency suite may stop the server dead, as a power cut or {@code kill -9} would:
 * after a commit and before the answer that acknowledges it leaves. A server started with the system property
 * {@code atoll.crash-point=<name>} halts the JVM (no shutdown hooks, nothing flushed) the
 * {@code atoll.crash-point.skip}+1-th time that point is reached; without the property nothing happens. Only the
 * suite sets it, on a server process of its own.
 */
public final class CrashPoint {

    /** After a command handler returned (its transaction committed), before the answer is written. */
    public static final String EAS_ANSWERED = "eas.answered.";

    /** After an LMTP delivery committed, before its 250 reply. */
    public static final String LMTP_DELIVERED = "lmtp.delivered";

    /** After the smarthost accepted a message, before its queue row is deleted. */
    public static final String OUTBOUND_HANDED_OVER = "outbound.handed-over";

    private static final String ARMED = System.getProperty("atoll.crash-point", "");
    private static final AtomicInteger SKIP = new AtomicInteger(Integer.getInteger("atoll.crash-point.skip", 0));

    private CrashPoint() {}

    /** Halts the JVM if this is the armed point and its earlier passes have been skipped. */
    public static void reached(String name) {
        if (!ARMED.isEmpty() && ARMED.equals(name) && SKIP.getAndDecrement() <= 0) {
            Runtime.getRuntime().halt(137);
        }
    }
}
