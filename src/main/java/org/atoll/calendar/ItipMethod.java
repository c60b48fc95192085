package org.atoll.calendar;

/** The iTIP methods Atoll sends and understands (RFC 5546 section 1.4). */
public enum ItipMethod {
    /** An invitation, or an update of one, from the organizer. */
    REQUEST,
    /** The organizer cancels the meeting, or one occurrence, for the attendees named. */
    CANCEL,
    /** An attendee answers. */
    REPLY,
    /** An attendee answers and proposes another time (RFC 5546 3.2.7), which the organizer may take up or not. */
    COUNTER,
    /** A published event, without a request for answers. */
    PUBLISH
}
