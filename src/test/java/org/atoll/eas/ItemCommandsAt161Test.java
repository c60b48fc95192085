package org.atoll.eas;

/** Every test of {@link ItemCommandsTest} with devices speaking ActiveSync 16.1: what works at 14.1 keeps working. */
class ItemCommandsAt161Test extends ItemCommandsTest {

    @Override
    String protocolVersion() {
        return "16.1";
    }
}
