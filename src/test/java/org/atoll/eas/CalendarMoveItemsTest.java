package org.atoll.eas;

import java.time.Instant;
import java.time.ZoneId;
import org.atoll.calendar.CalendarEvent;
import org.atoll.calendar.CalendarProtocol;
import org.atoll.calendar.EasCalendarItems;
import org.atoll.mailbox.Calendars;
import org.atoll.support.AtollTest;
import org.atoll.wbxml.WbxmlElement;
import org.springframework.beans.factory.annotation.Autowired;

/** MoveItems of calendar items between the Calendar folder and a user calendar (MS-ASCMD 2.2.1.12). */
@AtollTest
class CalendarMoveItemsTest extends ItemClassSyncTest {

    @Autowired
    Calendars calendars;

    CalendarMoveItemsTest() {
        super("Calendar", 8, 13);
    }

    @Override
    long defaultFolder(long accountId) {
        return calendars.defaultFolder(accountId).id();
    }

    @Override
    WbxmlElement sampleData() {
        Instant start = Instant.parse("2027-05-04T08:00:00Z");
        return EasCalendarItems.write(
                CalendarEvent.of(
                        "moving@atoll.test", "Moving", start, start.plusSeconds(1800), ZoneId.of("Europe/Paris")),
                CalendarProtocol.EAS_14_1);
    }
}
