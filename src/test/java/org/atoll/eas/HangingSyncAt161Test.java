package org.atoll.eas;

/** Every test of {@link HangingSyncTest} with devices speaking ActiveSync 16.1: what works at 14.1 keeps working. */
class HangingSyncAt161Test extends HangingSyncTest {

    @Override
    String protocolVersion() {
        return "16.1";
    }
}
