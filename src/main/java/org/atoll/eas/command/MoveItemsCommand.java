package org.atoll.eas.command;

import java.util.ArrayList;
import java.util.List;
import org.atoll.device.DeviceView;
import org.atoll.eas.message.MoveItemsMessage;
import org.atoll.eas.message.MoveItemsMessage.Move;
import org.atoll.eas.message.MoveItemsMessage.Request;
import org.atoll.eas.message.MoveItemsMessage.Response;
import org.atoll.eas.message.MoveItemsMessage.Result;
import org.atoll.eas.message.MoveItemsMessage.Status;
import org.atoll.eas.request.EasCommand;
import org.atoll.mailbox.MailboxException;
import org.atoll.sync.ItemSyncs;
import org.springframework.stereotype.Component;

/**
 * MoveItems (MS-ASCMD 2.2.1.12): each Move is done on its own and answered with its own Status and the item's new
 * ServerId. Items move within their class (a message between mail folders, a note, contact or task between folders of
 * its class); a destination of another class is answered with Status 2. Moving an item that already is where the
 * device asked answers as the first move did, so a resent request after a lost response changes nothing more.
 */
@Component
class MoveItemsCommand implements MessageCommand<Request, Response> {

    /** The most Move elements one request may carry. */
    static final int MAX_MOVES = 1000;

    private static final MoveItemsMessage MESSAGE = new MoveItemsMessage(MAX_MOVES);

    private final ItemSyncs itemSyncs;

    MoveItemsCommand(ItemSyncs itemSyncs) {
        this.itemSyncs = itemSyncs;
    }

    @Override
    public EasCommand command() {
        return EasCommand.MOVE_ITEMS;
    }

    @Override
    public MoveItemsMessage message() {
        return MESSAGE;
    }

    @Override
    public Response serve(long accountId, DeviceView device, Request request) {
        List<Result> results = new ArrayList<>();
        for (Move move : request.moves()) {
            results.add(move(accountId, device, move));
        }
        return new Response(results);
    }

    private Result move(long accountId, DeviceView device, Move move) {
        if (move.sourceFolder() == null) {
            return new Result(move.sourceId(), Status.INVALID_SOURCE, null);
        }
        if (move.targetFolder() == null) {
            return new Result(move.sourceId(), Status.INVALID_DESTINATION, null);
        }
        ItemSyncs.MoveOutcome outcome;
        try {
            outcome = itemSyncs.move(accountId, device.id(), move.sourceId(), move.sourceFolder(), move.targetFolder());
        } catch (MailboxException e) {
            return new Result(move.sourceId(), Status.MOVE_FAILED, null);
        }
        return switch (outcome) {
            case ItemSyncs.MoveOutcome.Moved(var item) -> new Result(move.sourceId(), Status.SUCCESS, item.text());
            case ItemSyncs.MoveOutcome.InvalidSource() -> new Result(move.sourceId(), Status.INVALID_SOURCE, null);
            case ItemSyncs.MoveOutcome.InvalidTarget() -> new Result(move.sourceId(), Status.INVALID_DESTINATION, null);
            case ItemSyncs.MoveOutcome.SameFolder() -> new Result(move.sourceId(), Status.SAME_FOLDER, null);
        };
    }
}
