package org.atoll.eas.message;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.atoll.wbxml.CodePage;
import org.atoll.wbxml.WbxmlElement;
import org.jspecify.annotations.Nullable;

/**
 * MeetingResponse (MS-ASCMD 2.2.1.11): each Request names a meeting request by CollectionId and RequestId (its
 * ServerId) or by a Search LongId, the answer (UserResponse), at 14.1 and later one occurrence (InstanceId), and at
 * 16.0 and later whether the organizer is told (SendResponse, with a note and perhaps a new time proposed). The
 * response has one Result per Request.
 */
public final class MeetingResponseMessage
        implements EasMessage<MeetingResponseMessage.Requests, MeetingResponseMessage.Response> {

    /** MeetingResponse Status values, MS-ASCMD 2.2.3.177.9. */
    public enum Status implements WireStatus {
        SUCCESS(1),
        /** The request is not a meeting request, or the document is malformed. */
        INVALID_MEETING_REQUEST(2),
        /** The mailbox failed to process it. */
        MAILBOX_ERROR(3),
        /** The server failed to process it. */
        SERVER_ERROR(4);

        private final int code;

        Status(int code) {
            this.code = code;
        }

        @Override
        public int code() {
            return code;
        }
    }

    /** UserResponse, MS-ASCMD 2.2.3.185. */
    public enum Answer {
        ACCEPTED,
        TENTATIVE,
        DECLINED
    }

    /** A new time the attendee proposes: {@code end} null keeps the meeting's length. */
    public record ProposedTime(Instant start, @Nullable Instant end) {}

    /**
     * One meeting answered.
     *
     * @param collectionId with {@code requestId}: the folder and ServerId of the meeting request
     * @param longId instead: the LongId a Search returned
     * @param instance the occurrence answered, or null for the whole meeting
     * @param sendResponse whether the organizer is told (16.0+ SendResponse); false before 16.0, where the device
     *     sends the answer itself
     * @param note the text of SendResponse's Body, if any
     * @param proposed the new time SendResponse proposes (MS-ASCMD 2.2.3.141 ProposedStartTime, 2.2.3.140
     *     ProposedEndTime), if any
     */
    public record Request(
            Answer answer,
            @Nullable String collectionId,
            @Nullable String requestId,
            @Nullable String longId,
            @Nullable Instant instance,
            boolean sendResponse,
            @Nullable String note,
            @Nullable ProposedTime proposed) {}

    /**
     * @param requestId the RequestId (or LongId) of the request answered
     * @param calendarId the ServerId of the meeting in the calendar, for an accepted or tentative answer
     */
    public record Result(
            String requestId, Status status, @Nullable String calendarId) {}

    public record Requests(List<Request> requests) {}

    public record Response(List<Result> results) {}

    private static final CodePage M = CodePage.MEETING_RESPONSE;

    private static final DateTimeFormatter COMPACT = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'");

    private final int maxRequests;

    /** @param maxRequests the most meetings one command may answer */
    public MeetingResponseMessage(int maxRequests) {
        this.maxRequests = maxRequests;
    }

    /**
     * A document with no Request or more than the limit, a UserResponse other than 1 to 3, a Request without
     * RequestId or LongId, or a proposed time that is not a Compact DateTime (MS-ASDTYPE 2.7.2) or an end proposed
     * without a start is Status 2.
     */
    @Override
    public Requests read(WbxmlElement document) throws MalformedRequest {
        if (document.page() != M || !document.name().equals("MeetingResponse")) {
            throw new MalformedRequest(Status.INVALID_MEETING_REQUEST);
        }
        List<WbxmlElement> elements = document.children(M, "Request");
        if (elements.isEmpty() || elements.size() > maxRequests) {
            throw new MalformedRequest(Status.INVALID_MEETING_REQUEST);
        }
        List<Request> requests = new ArrayList<>();
        for (WbxmlElement element : elements) {
            requests.add(request(element));
        }
        return new Requests(requests);
    }

    private static Request request(WbxmlElement element) throws MalformedRequest {
        Answer answer = switch (element.text(M, "UserResponse").orElse("")) {
            case "1" -> Answer.ACCEPTED;
            case "2" -> Answer.TENTATIVE;
            case "3" -> Answer.DECLINED;
            default -> throw new MalformedRequest(Status.INVALID_MEETING_REQUEST);
        };
        String collectionId = element.text(M, "CollectionId").orElse(null);
        String requestId = element.text(M, "RequestId").orElse(null);
        String longId = element.text(CodePage.SEARCH, "LongId").orElse(null);
        if ((requestId == null || collectionId == null) && longId == null) {
            throw new MalformedRequest(Status.INVALID_MEETING_REQUEST);
        }
        Instant instance = null;
        Optional<String> instanceId = element.text(M, "InstanceId");
        if (instanceId.isPresent()) {
            try {
                instance = Instant.parse(instanceId.get());
            } catch (DateTimeParseException e) {
                throw new MalformedRequest(Status.INVALID_MEETING_REQUEST);
            }
        }
        Optional<WbxmlElement> send = element.child(M, "SendResponse");
        String note = send.flatMap(s -> s.child(CodePage.AIRSYNCBASE, "Body"))
                .flatMap(body -> body.text(CodePage.AIRSYNCBASE, "Data"))
                .orElse(null);
        Optional<String> start = send.flatMap(s -> s.text(M, "ProposedStartTime"));
        Optional<String> end = send.flatMap(s -> s.text(M, "ProposedEndTime"));
        if (start.isEmpty() && end.isPresent()) {
            throw new MalformedRequest(Status.INVALID_MEETING_REQUEST);
        }
        ProposedTime proposed = start.isEmpty()
                ? null
                : new ProposedTime(compact(start.get()), end.isEmpty() ? null : compact(end.get()));
        return new Request(answer, collectionId, requestId, longId, instance, send.isPresent(), note, proposed);
    }

    private static Instant compact(String text) throws MalformedRequest {
        try {
            return LocalDateTime.parse(text.strip(), COMPACT).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw new MalformedRequest(Status.INVALID_MEETING_REQUEST);
        }
    }

    @Override
    public WbxmlElement write(Response response) {
        WbxmlElement document = WbxmlElement.of(M, "MeetingResponse");
        for (Result result : response.results()) {
            WbxmlElement element = WbxmlElement.of(M, "Result")
                    .add("RequestId", result.requestId())
                    .add("Status", Integer.toString(result.status().code()));
            if (result.calendarId() != null) {
                element.add("CalendarId", result.calendarId());
            }
            document.add(element);
        }
        return document;
    }

    @Override
    public WbxmlElement refused(int status) {
        return WbxmlElement.of(M, "MeetingResponse")
                .add(WbxmlElement.of(M, "Result").add("Status", Integer.toString(status)));
    }
}
