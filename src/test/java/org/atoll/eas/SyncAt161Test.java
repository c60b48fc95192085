package org.atoll.eas;

/** Every test of {@link SyncTest} with devices speaking ActiveSync 16.1: what works at 14.1 keeps working. */
class SyncAt161Test extends SyncTest {

    @Override
    String protocolVersion() {
        return "16.1";
    }
}
