package org.atoll.eas.command;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.atoll.calendar.ResponseStatus;
import org.atoll.device.DeviceView;
import org.atoll.eas.message.MeetingResponseMessage;
import org.atoll.eas.message.MeetingResponseMessage.ProposedTime;
import org.atoll.eas.message.MeetingResponseMessage.Request;
import org.atoll.eas.message.MeetingResponseMessage.Requests;
import org.atoll.eas.message.MeetingResponseMessage.Response;
import org.atoll.eas.message.MeetingResponseMessage.Result;
import org.atoll.eas.message.MeetingResponseMessage.Status;
import org.atoll.eas.request.EasCommand;
import org.atoll.eas.request.EasProtocolVersion;
import org.atoll.mail.MeetingReplies;
import org.atoll.mail.NotAMeetingRequest;
import org.atoll.mail.SubmissionRefused;
import org.atoll.sync.ItemId;
import org.springframework.stereotype.Component;

/**
 * MeetingResponse (MS-ASCMD 2.2.1.11): each request answered through {@link MeetingReplies}. Below 16.0 the device
 * sends its answer to the organizer itself (a SendMail with the iCalendar reply), so the server only changes the
 * calendar and moves the request; from 16.0 the server sends it when the request carries SendResponse, as an iMIP
 * COUNTER when SendResponse proposes another time.
 */
@Component
class MeetingResponseCommand implements MessageCommand<Requests, Response> {

    /** The most meetings one command may answer. */
    static final int MAX_REQUESTS = 100;

    private static final MeetingResponseMessage MESSAGE = new MeetingResponseMessage(MAX_REQUESTS);

    private final MeetingReplies replies;

    MeetingResponseCommand(MeetingReplies replies) {
        this.replies = replies;
    }

    @Override
    public EasCommand command() {
        return EasCommand.MEETING_RESPONSE;
    }

    @Override
    public MeetingResponseMessage message() {
        return MESSAGE;
    }

    @Override
    public Response serve(long accountId, DeviceView device, Requests requests) {
        boolean serverSends = EasCommandHandler.protocolVersion(device).atLeast(EasProtocolVersion.V16_0);
        List<Result> results = new ArrayList<>();
        for (Request request : requests.requests()) {
            results.add(answer(accountId, device, request, serverSends));
        }
        return new Response(results);
    }

    private Result answer(long accountId, DeviceView device, Request request, boolean serverSends) {
        ProposedTime proposed = request.proposed();
        String named = request.requestId() != null ? request.requestId() : request.longId();
        Optional<ItemId> item = ItemId.parse(named)
                .filter(id -> request.collectionId() == null
                        || request.requestId() == null
                        || Long.toString(id.folderId()).equals(request.collectionId()));
        if (item.isEmpty()) {
            return new Result(named, Status.INVALID_MEETING_REQUEST, null);
        }
        try {
            Optional<MeetingReplies.Answered> answered = replies.answer(
                    accountId,
                    device.id(),
                    item.get().folderId(),
                    item.get().messageId(),
                    switch (request.answer()) {
                        case ACCEPTED -> ResponseStatus.ACCEPTED;
                        case TENTATIVE -> ResponseStatus.TENTATIVE;
                        case DECLINED -> ResponseStatus.DECLINED;
                    },
                    request.instance(),
                    serverSends && request.sendResponse(),
                    request.note(),
                    proposed == null ? null : new MeetingReplies.Proposal(proposed.start(), proposed.end()));
            return new Result(
                    named,
                    Status.SUCCESS,
                    answered.map(a -> new ItemId(a.folderId(), a.eventId()).text())
                            .orElse(null));
        } catch (NotAMeetingRequest e) {
            return new Result(named, Status.INVALID_MEETING_REQUEST, null);
        } catch (SubmissionRefused e) {
            return new Result(named, Status.MAILBOX_ERROR, null);
        }
    }
}
