package org.atoll.eas.message;

import java.util.ArrayList;
import java.util.List;
import org.atoll.wbxml.CodePage;
import org.atoll.wbxml.WbxmlElement;
import org.jspecify.annotations.Nullable;

/**
 * MoveItems (MS-ASCMD 2.2.1.12): the request names items to move, each with its source and destination folder; the
 * response has one Response per Move with its own Status and, on success, the item's new ServerId.
 */
public final class MoveItemsMessage implements EasMessage<MoveItemsMessage.Request, MoveItemsMessage.Response> {

    /** MoveItems Status values, MS-ASCMD 2.2.3.177.10. */
    public enum Status implements WireStatus {
        INVALID_SOURCE(1),
        INVALID_DESTINATION(2),
        SUCCESS(3),
        SAME_FOLDER(4),
        MOVE_FAILED(5),
        LOCKED(7);

        private final int code;

        Status(int code) {
            this.code = code;
        }

        @Override
        public int code() {
            return code;
        }
    }

    public record Request(List<Move> moves) {}

    /**
     * One Move as the device sent it.
     *
     * @param sourceId the SrcMsgId, answered back as sent
     * @param sourceFolder the SrcFldId as a folder id, null when missing or none
     * @param targetFolder the DstFldId as a folder id, null when missing or none
     */
    public record Move(
            String sourceId,
            @Nullable Long sourceFolder,
            @Nullable Long targetFolder) {}

    public record Response(List<Result> results) {}

    /** @param targetId the item's ServerId in its new folder, only with Status 3 */
    public record Result(
            String sourceId, Status status, @Nullable String targetId) {}

    private static final CodePage M = CodePage.MOVE;

    private final int maxMoves;

    /** @param maxMoves the most Move elements one request may carry */
    public MoveItemsMessage(int maxMoves) {
        this.maxMoves = maxMoves;
    }

    /** A document that is not MoveItems, has no Move, or more than the limit of elements is Status 5. */
    @Override
    public Request read(WbxmlElement document) throws MalformedRequest {
        if (document.page() != M
                || !document.name().equals("MoveItems")
                || document.children(M, "Move").isEmpty()
                || document.children().size() > maxMoves) {
            throw new MalformedRequest(Status.MOVE_FAILED);
        }
        List<Move> moves = new ArrayList<>();
        for (WbxmlElement move : document.children(M, "Move")) {
            moves.add(new Move(
                    move.text("SrcMsgId").orElse(""),
                    move.text("SrcFldId").flatMap(WireNumbers::unsigned).orElse(null),
                    move.text("DstFldId").flatMap(WireNumbers::unsigned).orElse(null)));
        }
        return new Request(moves);
    }

    @Override
    public WbxmlElement write(Response response) {
        WbxmlElement document = WbxmlElement.of(M, "MoveItems");
        for (Result result : response.results()) {
            WbxmlElement element = WbxmlElement.of(M, "Response")
                    .add("SrcMsgId", result.sourceId())
                    .add("Status", Integer.toString(result.status().code()));
            if (result.targetId() != null) {
                element.add("DstMsgId", result.targetId());
            }
            document.add(element);
        }
        return document;
    }

    /**
     * MoveItems has no top-level Status: a refusal is one Response whose Status carries the code (MS-ASCMD 2.2.2).
     */
    @Override
    public WbxmlElement refused(int status) {
        return WbxmlElement.of(M, "MoveItems")
                .add(WbxmlElement.of(M, "Response").add("Status", Integer.toString(status)));
    }
}
