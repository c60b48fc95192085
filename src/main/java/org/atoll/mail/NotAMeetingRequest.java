package org.atoll.mail;

/**
 * What a MeetingResponse names is not a meeting one can answer: no such message or meeting, a message that is no
 * invitation, or a meeting the account organizes itself (MS-ASCMD 2.2.3.177.9, Status 2).
 */
public final class NotAMeetingRequest extends RuntimeException {

    NotAMeetingRequest(String reason) {
        super(reason, null, false, false);
    }
}
