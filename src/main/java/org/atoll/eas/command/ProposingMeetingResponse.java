package org.atoll.eas.command;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.atoll.eas.message.EasMessage;
import org.atoll.eas.message.MalformedRequest;
import org.atoll.eas.message.MeetingResponseMessage;
import org.atoll.eas.message.MeetingResponseMessage.Requests;
import org.atoll.eas.message.MeetingResponseMessage.Response;
import org.atoll.eas.message.MeetingResponseMessage.Status;
import org.atoll.wbxml.CodePage;
import org.atoll.wbxml.WbxmlElement;
import org.jspecify.annotations.Nullable;

/**
 * MeetingResponse as {@link MeetingResponseMessage} reads and writes it, with the new time each Request's
 * SendResponse proposes (MS-ASCMD 2.2.3.141 ProposedStartTime and 2.2.3.140 ProposedEndTime, Compact DateTime of
 * MS-ASDTYPE 2.7.2, from 16.0). A ProposedEndTime without a ProposedStartTime, or a time that is not a Compact
 * DateTime, is Status 2 for the document.
 */
final class ProposingMeetingResponse implements EasMessage<ProposingMeetingResponse.Proposing, Response> {

    /** A proposed time: {@code end} null keeps the meeting's length. */
    record ProposedTime(Instant start, @Nullable Instant end) {}

    /** The requests, and for each, in the same order, the time it proposes if any. */
    record Proposing(Requests requests, List<Optional<ProposedTime>> proposals) {}

    private static final CodePage M = CodePage.MEETING_RESPONSE;

    private static final DateTimeFormatter COMPACT = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'");

    private final MeetingResponseMessage message;

    ProposingMeetingResponse(MeetingResponseMessage message) {
        this.message = message;
    }

    @Override
    public Proposing read(WbxmlElement document) throws MalformedRequest {
        Requests requests = message.read(document);
        List<Optional<ProposedTime>> proposals = new ArrayList<>();
        for (WbxmlElement request : document.children(M, "Request")) {
            Optional<WbxmlElement> send = request.child(M, "SendResponse");
            Optional<String> start = send.flatMap(s -> s.text(M, "ProposedStartTime"));
            Optional<String> end = send.flatMap(s -> s.text(M, "ProposedEndTime"));
            if (start.isEmpty() && end.isPresent()) {
                throw new MalformedRequest(Status.INVALID_MEETING_REQUEST);
            }
            proposals.add(
                    start.isEmpty()
                            ? Optional.empty()
                            : Optional.of(
                                    new ProposedTime(compact(start.get()), end.isEmpty() ? null : compact(end.get()))));
        }
        return new Proposing(requests, proposals);
    }

    @Override
    public WbxmlElement write(Response response) {
        return message.write(response);
    }

    @Override
    public WbxmlElement refused(int status) {
        return message.refused(status);
    }

    private static Instant compact(String text) throws MalformedRequest {
        try {
            return LocalDateTime.parse(text.strip(), COMPACT).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw new MalformedRequest(Status.INVALID_MEETING_REQUEST);
        }
    }
}
