package org.atoll.calendar;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import org.atoll.wbxml.CodePage;
import org.atoll.wbxml.WbxmlElement;
import org.jspecify.annotations.Nullable;

/**
 * Meeting messages as an Email item shows them: the message class an iMIP part gives a message (MS-ASEMAIL 2.2.2.49
 * MessageClass) and, for an invitation or a cancellation, the {@code MeetingRequest} element a device shows and
 * answers with MeetingResponse (MS-ASEMAIL 2.2.2.48).
 */
public final class MeetingMessages {

    /** An ordinary message. */
    public static final String NOTE = "IPM.Note";

    /** An invitation, or an update of one (iTIP REQUEST). */
    public static final String REQUEST = "IPM.Schedule.Meeting.Request";

    /** The organizer cancelled the meeting or an occurrence (iTIP CANCEL). */
    public static final String CANCELED = "IPM.Schedule.Meeting.Canceled";

    /** Answers of an attendee (iTIP REPLY, or COUNTER with a proposed time), by PARTSTAT. */
    public static final String ACCEPTED = "IPM.Schedule.Meeting.Resp.Pos";

    public static final String TENTATIVE = "IPM.Schedule.Meeting.Resp.Tent";
    public static final String DECLINED = "IPM.Schedule.Meeting.Resp.Neg";

    /** MS-ASEMAIL ContentClass of meeting messages. */
    public static final String CONTENT_CLASS = "urn:content-classes:calendarmessage";

    private static final CodePage EMAIL = CodePage.EMAIL;
    private static final CodePage EMAIL2 = CodePage.EMAIL2;
    private static final CodePage BASE = CodePage.AIRSYNCBASE;

    /** MS-ASDTYPE 2.3 dateTime, as Email elements write times. */
    private static final DateTimeFormatter DATE_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    /** The first sixteen bytes of every PidLidGlobalObjectId (MS-OXOCAL 2.2.1.27). */
    private static final byte[] GLOBAL_OBJECT_ID_PREFIX = HexFormat.of().parseHex("040000008200E00074C5B7101A82E008");

    /** What precedes a UID that was not written by Outlook (MS-OXOCAL 2.2.1.27, "vCal-Uid" then 1 as an int). */
    private static final byte[] VCAL_UID = "vCal-Uid\u0001\u0000\u0000\u0000".getBytes(StandardCharsets.US_ASCII);

    /** MS-ASEMAIL 2.2.2.39 InstanceType. */
    private static final int SINGLE = 0;

    private static final int RECURRING_MASTER = 1;
    private static final int EXCEPTION = 3;

    /** MS-ASEMAIL 2.2.2.47 MeetingMessageType: an initial request, or an update of one. */
    private static final int INITIAL_REQUEST = 1;

    private static final int FULL_UPDATE = 2;

    private MeetingMessages() {}

    /**
     * The message class of a message whose {@code text/calendar} part is {@code ics}; {@link #NOTE} when it has none
     * or one that is not an iMIP message Atoll reads (a PUBLISH, or no METHOD, is an ordinary message).
     */
    public static String messageClass(@Nullable String ics) {
        if (ics == null) {
            return NOTE;
        }
        try {
            ItipMessage message = ICalendars.parseItip(ics, null);
            return switch (message.method()) {
                case REQUEST -> REQUEST;
                case CANCEL -> CANCELED;
                case REPLY, COUNTER ->
                    message.attendees().isEmpty()
                            ? NOTE
                            : switch (message.attendees().getFirst().status()) {
                                case ACCEPTED -> ACCEPTED;
                                case TENTATIVE -> TENTATIVE;
                                case DECLINED -> DECLINED;
                                case UNKNOWN, NOT_RESPONDED -> NOTE;
                            };
                case PUBLISH -> NOTE;
            };
        } catch (MalformedCalendarItem e) {
            return NOTE;
        }
    }

    /** Whether devices get a {@code MeetingRequest} element with a message of this class. */
    public static boolean describesMeeting(String messageClass) {
        return REQUEST.equals(messageClass) || CANCELED.equals(messageClass);
    }

    /**
     * The {@code MeetingRequest} element of an invitation or cancellation for a device speaking {@code protocol};
     * empty when {@code ics} no longer reads as one with a start (the message is then shown as it is).
     *
     * @param received when the message arrived, the DtStamp when the calendar part has none
     */
    public static Optional<WbxmlElement> meetingRequest(String ics, CalendarProtocol protocol, Instant received) {
        ItipMessage message;
        try {
            message = ICalendars.parseItip(ics, null);
        } catch (MalformedCalendarItem e) {
            return Optional.empty();
        }
        CalendarEvent event = message.event();
        if (event == null || (message.method() != ItipMethod.REQUEST && message.method() != ItipMethod.CANCEL)) {
            return Optional.empty();
        }
        WbxmlElement element = WbxmlElement.of(EMAIL, "MeetingRequest");
        element.add(EMAIL, "AllDayEvent", event.allDay() ? "1" : "0");
        element.add(EMAIL, "StartTime", DATE_TIME.format(event.start()));
        element.add(EMAIL, "DtStamp", DATE_TIME.format(received));
        element.add(EMAIL, "EndTime", DATE_TIME.format(event.end()));
        element.add(
                EMAIL,
                "InstanceType",
                Integer.toString(
                        message.recurrenceId() != null
                                ? EXCEPTION
                                : event.recurrence() != null ? RECURRING_MASTER : SINGLE));
        if (event.location() != null) {
            if (protocol.atLeast(CalendarProtocol.EAS_16_0)) {
                element.add(WbxmlElement.of(BASE, "Location").add("DisplayName", event.location()));
            } else {
                element.add(EMAIL, "Location", event.location());
            }
        }
        if (event.organizerAddress() != null) {
            element.add(EMAIL, "Organizer", organizer(event.organizerAddress(), event.organizerName()));
        }
        if (message.recurrenceId() != null) {
            element.add(EMAIL, "RecurrenceId", DATE_TIME.format(message.recurrenceId()));
        }
        if (event.reminderMinutes() != null) {
            element.add(EMAIL, "Reminder", Long.toString(event.reminderMinutes() * 60L));
        }
        element.add(EMAIL, "ResponseRequested", event.responseRequested() ? "1" : "0");
        Recurrence recurrence = event.recurrence();
        if (recurrence != null && message.recurrenceId() == null) {
            element.add(WbxmlElement.of(EMAIL, "Recurrences").add(recurrence(recurrence, protocol)));
        }
        element.add(EMAIL, "Sensitivity", Integer.toString(event.sensitivity().code()));
        element.add(
                EMAIL,
                "BusyStatus",
                Integer.toString(intendedBusyStatus(message, event).code()));
        element.add(
                EMAIL,
                "TimeZone",
                EasTimeZones.blobOf(event.zone(), event.start()).encode());
        element.add(EMAIL, "GlobalObjId", Base64.getEncoder().encodeToString(globalObjectId(message.uid())));
        if (protocol.atLeast(CalendarProtocol.EAS_14_0)) {
            element.add(EMAIL, "DisallowNewTimeProposal", "0");
        }
        if (protocol.atLeast(CalendarProtocol.EAS_14_1)) {
            element.add(
                    EMAIL2,
                    "MeetingMessageType",
                    Integer.toString(message.sequence() > 0 ? FULL_UPDATE : INITIAL_REQUEST));
        }
        return Optional.of(element);
    }

    /**
     * The PidLidGlobalObjectId of a meeting (MS-OXOCAL 2.2.1.27), which MS-ASEMAIL GlobalObjId carries: a UID that is
     * itself one in hexadecimal (as Outlook writes them) is that id; any other is wrapped as a "vCal-Uid".
     */
    static byte[] globalObjectId(String uid) {
        if (uid.length() >= 2 * 40
                && uid.length() % 2 == 0
                && uid.matches("[0-9A-Fa-f]+")
                && uid.regionMatches(true, 0, HexFormat.of().formatHex(GLOBAL_OBJECT_ID_PREFIX), 0, 32)) {
            return HexFormat.of().parseHex(uid);
        }
        byte[] text = uid.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream id = new ByteArrayOutputStream();
        id.writeBytes(GLOBAL_OBJECT_ID_PREFIX);
        id.writeBytes(new byte[4]); // instance date: the whole series
        id.writeBytes(new byte[8]); // creation time, unknown
        id.writeBytes(new byte[8]); // reserved
        int size = VCAL_UID.length + text.length + 1;
        id.writeBytes(ByteBuffer.allocate(4)
                .order(ByteOrder.LITTLE_ENDIAN)
                .putInt(size)
                .array());
        id.writeBytes(VCAL_UID);
        id.writeBytes(text);
        id.write(0);
        return id.toByteArray();
    }

    private static String organizer(String address, @Nullable String name) {
        if (name == null || name.isBlank()) {
            return address;
        }
        return "\"" + name.replace("\\", "\\\\").replace("\"", "\\\"") + "\" <" + address + ">";
    }

    /** What the event would show as in the attendee's calendar: free once cancelled, else what the organizer set. */
    private static BusyStatus intendedBusyStatus(ItipMessage message, CalendarEvent event) {
        return message.method() == ItipMethod.CANCEL ? BusyStatus.FREE : event.busyStatus();
    }

    private static WbxmlElement recurrence(Recurrence recurrence, CalendarProtocol protocol) {
        WbxmlElement element = WbxmlElement.of(EMAIL, "Recurrence")
                .add("Type", Integer.toString(recurrence.type().code()))
                .add("Interval", Integer.toString(recurrence.interval()));
        if (recurrence.until() != null) {
            element.add("Until", DATE_TIME.format(recurrence.until()));
        }
        if (recurrence.occurrences() != null) {
            element.add("Occurrences", Integer.toString(recurrence.occurrences()));
        }
        if (recurrence.weekOfMonth() != null) {
            element.add("WeekOfMonth", Integer.toString(recurrence.weekOfMonth()));
        }
        if (recurrence.dayOfMonth() != null) {
            element.add("DayOfMonth", Integer.toString(recurrence.dayOfMonth()));
        }
        if (!recurrence.daysOfWeek().isEmpty()) {
            element.add("DayOfWeek", Integer.toString(EasCalendarItems.dayMask(recurrence.daysOfWeek())));
        }
        if (recurrence.monthOfYear() != null) {
            element.add("MonthOfYear", Integer.toString(recurrence.monthOfYear()));
        }
        if (protocol.atLeast(CalendarProtocol.EAS_14_1) && recurrence.firstDayOfWeek() != null) {
            element.add(
                    EMAIL2,
                    "FirstDayOfWeek",
                    Integer.toString(recurrence.firstDayOfWeek().getValue() % 7));
        }
        return element;
    }
}
