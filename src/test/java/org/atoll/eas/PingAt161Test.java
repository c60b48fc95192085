package org.atoll.eas;

/** Every test of {@link PingTest} with devices speaking ActiveSync 16.1: what works at 14.1 keeps working. */
class PingAt161Test extends PingTest {

    @Override
    String protocolVersion() {
        return "16.1";
    }
}
