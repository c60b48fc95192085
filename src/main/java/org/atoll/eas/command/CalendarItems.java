package org.atoll.eas.command;

import java.util.Optional;
import java.util.Set;
import org.atoll.calendar.CalendarProtocol;
import org.atoll.calendar.EasCalendarItems;
import org.atoll.calendar.EventException;
import org.atoll.calendar.MalformedCalendarItem;
import org.atoll.eas.request.EasProtocolVersion;
import org.atoll.mailbox.Calendars;
import org.atoll.mailbox.EventContent;
import org.atoll.mailbox.EventView;
import org.atoll.mailbox.FolderType;
import org.atoll.mailbox.InvalidMailboxRequest;
import org.atoll.mailbox.ItemContent;
import org.atoll.mailbox.ItemView;
import org.atoll.mailbox.OccurrenceContent;
import org.atoll.wbxml.CodePage;
import org.atoll.wbxml.WbxmlElement;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Calendar items in Sync (MS-ASCAL 2.2.2) through {@link EasCalendarItems}: the Calendar elements (code page 4) with
 * the TimeZone blob derived from the event's IANA zone, in the form of the device's protocol version (16.x: Location
 * and Body of AirSyncBase, no UID), the recurrence and its exceptions keyed by
 * ExceptionStartTime. From 16.0 an ApplicationData that names an occurrence by its AirSyncBase InstanceId changes (or,
 * with Deleted, deletes) that occurrence only ({@link OccurrenceContent}). An event that breaks MS-ASCAL ({@link MalformedCalendarItem}) or that the store cannot hold is
 * answered with Status 6.
 */
@Component
class CalendarItems implements ItemCodec {

    @Override
    public Set<FolderType> folderTypes() {
        return Calendars.FOLDER_TYPES;
    }

    @Override
    public WbxmlElement applicationData(ItemView item, EasProtocolVersion version) {
        return EasCalendarItems.write(
                ((EventView) item).event(), CalendarProtocol.of(version.text()).orElse(CalendarProtocol.EAS_14_1));
    }

    @Override
    public @Nullable ItemContent read(@Nullable WbxmlElement data, EasProtocolVersion version) {
        if (data == null) {
            return null;
        }
        try {
            if (version.atLeast(EasProtocolVersion.V16_0)) {
                Optional<EventException> occurrence = EasCalendarItems.readOccurrence(data);
                if (occurrence.isPresent()) {
                    return new OccurrenceContent(occurrence.get());
                }
            }
            boolean uidGiven = data.text(CodePage.CALENDAR, "UID").isPresent()
                    || data.text(CodePage.CALENDAR, "ClientUid").isPresent();
            return new EventContent(EasCalendarItems.read(data), uidGiven);
        } catch (MalformedCalendarItem | InvalidMailboxRequest | IllegalArgumentException e) {
            return null;
        }
    }

    /**
     * MS-ASAIRS 2.2.2.25: from 16.0 a device names the occurrence it changes or deletes by an InstanceId beside the
     * ServerId; it is read as if it stood in the ApplicationData, where the exception it becomes keeps it.
     */
    @Override
    public @Nullable ItemContent readOccurrence(
            String instanceId, @Nullable WbxmlElement data, EasProtocolVersion version) {
        if (!version.atLeast(EasProtocolVersion.V16_0)) {
            return null;
        }
        WbxmlElement occurrence = WbxmlElement.of(CodePage.AIRSYNC, "ApplicationData");
        if (data == null) {
            occurrence.add(CodePage.CALENDAR, "Deleted", "1");
        } else {
            data.children().stream()
                    .filter(child -> !(child.page() == CodePage.AIRSYNCBASE
                            && child.name().equals("InstanceId")))
                    .forEach(occurrence::add);
        }
        occurrence.add(CodePage.AIRSYNCBASE, "InstanceId", instanceId);
        try {
            return EasCalendarItems.readOccurrence(occurrence)
                    .map(OccurrenceContent::new)
                    .orElse(null);
        } catch (MalformedCalendarItem | InvalidMailboxRequest | IllegalArgumentException e) {
            return null;
        }
    }
}
