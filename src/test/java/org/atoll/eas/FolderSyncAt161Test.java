package org.atoll.eas;

/** Every test of {@link FolderSyncTest} with devices speaking ActiveSync 16.1: what works at 14.1 keeps working. */
class FolderSyncAt161Test extends FolderSyncTest {

    @Override
    String protocolVersion() {
        return "16.1";
    }
}
