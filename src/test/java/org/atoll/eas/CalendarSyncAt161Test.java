package org.atoll.eas;

import org.atoll.support.AtollTest;

/** The calendar session tests at protocol 16.1, where items carry AirSyncBase Location and Body and no UID. */
@AtollTest
class CalendarSyncAt161Test extends CalendarSyncTest {

    @Override
    String protocolVersion() {
        return "16.1";
    }
}
