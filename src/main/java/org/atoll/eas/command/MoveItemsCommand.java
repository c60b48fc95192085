package org.atoll.eas.command;

import java.util.Optional;
import org.atoll.device.DeviceView;
import org.atoll.eas.request.EasCommand;
import org.atoll.mailbox.MailboxException;
import org.atoll.sync.ItemSyncs;
import org.atoll.wbxml.CodePage;
import org.atoll.wbxml.WbxmlElement;
import org.springframework.stereotype.Component;

/**
 * MoveItems (MS-ASCMD 2.2.1.12): each Move is done on its own and answered with its own Status and the item's new
 * ServerId. Items move within their class (a message between mail folders, a note, contact or task between folders of
 * its class); a destination of another class is answered with Status 2. Moving an item that already is where the device asked answers as the first move did, so a resent
 * request after a lost response changes nothing more.
 */
@Component
public class MoveItemsCommand implements DocumentCommand {

    /** MoveItems Status values, MS-ASCMD 2.2.3.177.9. */
    enum Status {
        INVALID_SOURCE(1),
        INVALID_DESTINATION(2),
        SUCCESS(3),
        SAME_FOLDER(4),
        MOVE_FAILED(5),
        LOCKED(7);

        final int code;

        Status(int code) {
            this.code = code;
        }
    }

    /** The most Move elements one request may carry. */
    static final int MAX_MOVES = 1000;

    private static final CodePage M = CodePage.MOVE;

    private final ItemSyncs itemSyncs;

    MoveItemsCommand(ItemSyncs itemSyncs) {
        this.itemSyncs = itemSyncs;
    }

    @Override
    public EasCommand command() {
        return EasCommand.MOVE_ITEMS;
    }

    /**
     * MoveItems has no top-level Status: a refusal before the command ran is one Response whose Status carries
     * the common code (MS-ASCMD 2.2.2).
     */
    @Override
    public WbxmlElement refused(int status) {
        return WbxmlElement.of(M, "MoveItems")
                .add(WbxmlElement.of(M, "Response").add("Status", Integer.toString(status)));
    }

    @Override
    public WbxmlElement handle(long accountId, DeviceView device, WbxmlElement request) {
        WbxmlElement response = WbxmlElement.of(M, "MoveItems");
        if (request.page() != M
                || !request.name().equals("MoveItems")
                || request.children(M, "Move").isEmpty()
                || request.children().size() > MAX_MOVES) {
            return response.add(
                    WbxmlElement.of(M, "Response").add("Status", Integer.toString(Status.MOVE_FAILED.code)));
        }
        for (WbxmlElement move : request.children(M, "Move")) {
            response.add(move(accountId, device, move));
        }
        return response;
    }

    private WbxmlElement move(long accountId, DeviceView device, WbxmlElement move) {
        String source = move.text("SrcMsgId").orElse("");
        WbxmlElement answer = WbxmlElement.of(M, "Response").add("SrcMsgId", source);
        Optional<Long> sourceFolder = move.text("SrcFldId").flatMap(WireNumbers::unsigned);
        Optional<Long> targetFolder = move.text("DstFldId").flatMap(WireNumbers::unsigned);
        if (sourceFolder.isEmpty()) {
            return answer.add("Status", Integer.toString(Status.INVALID_SOURCE.code));
        }
        if (targetFolder.isEmpty()) {
            return answer.add("Status", Integer.toString(Status.INVALID_DESTINATION.code));
        }
        ItemSyncs.MoveOutcome outcome;
        try {
            outcome = itemSyncs.move(accountId, device.id(), source, sourceFolder.get(), targetFolder.get());
        } catch (MailboxException e) {
            return answer.add("Status", Integer.toString(Status.MOVE_FAILED.code));
        }
        return switch (outcome) {
            case ItemSyncs.MoveOutcome.Moved(var item) ->
                answer.add("Status", Integer.toString(Status.SUCCESS.code)).add("DstMsgId", item.text());
            case ItemSyncs.MoveOutcome.InvalidSource() ->
                answer.add("Status", Integer.toString(Status.INVALID_SOURCE.code));
            case ItemSyncs.MoveOutcome.InvalidTarget() ->
                answer.add("Status", Integer.toString(Status.INVALID_DESTINATION.code));
            case ItemSyncs.MoveOutcome.SameFolder() -> answer.add("Status", Integer.toString(Status.SAME_FOLDER.code));
        };
    }
}
