package org.atoll.eas;

/** Every test of {@link MailFlowPushTest} with devices speaking ActiveSync 16.1: what works at 14.1 keeps working. */
class MailFlowPushAt161Test extends MailFlowPushTest {

    @Override
    String protocolVersion() {
        return "16.1";
    }
}
