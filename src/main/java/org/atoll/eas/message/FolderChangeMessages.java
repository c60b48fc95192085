package org.atoll.eas.message;

import java.util.Optional;
import org.atoll.wbxml.CodePage;
import org.atoll.wbxml.WbxmlElement;
import org.jspecify.annotations.Nullable;

/**
 * FolderCreate, FolderUpdate and FolderDelete (MS-ASCMD 2.2.1.3, 2.2.1.6, 2.2.1.4): each request carries the
 * device's FolderSync key and what to change; each response its Status and, on success, the next key.
 */
public final class FolderChangeMessages {

    /** Status values shared by the three commands, MS-ASCMD 2.2.3.177.2 to 2.2.3.177.4. */
    public enum Status implements WireStatus {
        SUCCESS(1),
        EXISTS(2),
        SYSTEM_FOLDER(3),
        NOT_FOUND(4),
        PARENT_NOT_FOUND(5),
        INVALID_SYNC_KEY(9),
        MALFORMED_REQUEST(10);

        private final int code;

        Status(int code) {
            this.code = code;
        }

        @Override
        public int code() {
            return code;
        }
    }

    public static final Create CREATE = new Create();
    public static final Update UPDATE = new Update();
    public static final Delete DELETE = new Delete();

    /** What every request carries: the device's FolderSync key. */
    public sealed interface Request {
        long syncKey();
    }

    /**
     * @param parentId the parent folder, 0 for the top of the hierarchy
     * @param type a folder type a device may create (MS-ASCMD 2.2.3.186.2): 1 or 12 to 17
     */
    public record CreateRequest(long syncKey, long parentId, String displayName, int type) implements Request {}

    public record UpdateRequest(long syncKey, long serverId, long parentId, String displayName) implements Request {}

    public record DeleteRequest(long syncKey, long serverId) implements Request {}

    /**
     * The response: {@code status}, and on success the next key and, for FolderCreate, the new folder's ServerId.
     */
    public record Response(
            Status status, @Nullable Long syncKey, @Nullable Long serverId) {

        public static Response refused(Status status) {
            return new Response(status, null, null);
        }
    }

    private static final CodePage H = CodePage.FOLDER_HIERARCHY;

    private FolderChangeMessages() {}

    /** What the three readers and writers share: the root element, the key, the status-only response. */
    private abstract static sealed class Message<Q extends Request> implements EasMessage<Q, Response>
            permits Create, Update, Delete {

        private final String root;

        Message(String root) {
            this.root = root;
        }

        abstract Q read(WbxmlElement document, long syncKey) throws MalformedRequest;

        @Override
        public final Q read(WbxmlElement document) throws MalformedRequest {
            if (document.page() != H || !document.name().equals(root)) {
                throw new MalformedRequest(Status.MALFORMED_REQUEST);
            }
            return read(document, FolderKeys.syncKey(document, Status.MALFORMED_REQUEST, Status.INVALID_SYNC_KEY));
        }

        @Override
        public final WbxmlElement write(Response response) {
            WbxmlElement element = refused(response.status().code());
            if (response.syncKey() != null) {
                element.add("SyncKey", Long.toString(response.syncKey()));
            }
            if (response.serverId() != null) {
                element.add("ServerId", Long.toString(response.serverId()));
            }
            return element;
        }

        @Override
        public final WbxmlElement refused(int status) {
            return WbxmlElement.of(H, root).add("Status", Integer.toString(status));
        }
    }

    /** FolderCreate: DisplayName, ParentId and Type. */
    public static final class Create extends Message<CreateRequest> {
        private Create() {
            super("FolderCreate");
        }

        @Override
        CreateRequest read(WbxmlElement document, long syncKey) throws MalformedRequest {
            return new CreateRequest(
                    syncKey,
                    number(document, "ParentId"),
                    text(document, "DisplayName"),
                    document.text(H, "Type")
                            .flatMap(WireNumbers::unsigned)
                            .filter(code -> code == 1 || (code >= 12 && code <= 17))
                            .orElseThrow(() -> new MalformedRequest(Status.MALFORMED_REQUEST))
                            .intValue());
        }
    }

    /** FolderUpdate: ServerId, ParentId and DisplayName. */
    public static final class Update extends Message<UpdateRequest> {
        private Update() {
            super("FolderUpdate");
        }

        @Override
        UpdateRequest read(WbxmlElement document, long syncKey) throws MalformedRequest {
            return new UpdateRequest(
                    syncKey, number(document, "ServerId"), number(document, "ParentId"), text(document, "DisplayName"));
        }
    }

    /** FolderDelete: ServerId. */
    public static final class Delete extends Message<DeleteRequest> {
        private Delete() {
            super("FolderDelete");
        }

        @Override
        DeleteRequest read(WbxmlElement document, long syncKey) throws MalformedRequest {
            return new DeleteRequest(syncKey, number(document, "ServerId"));
        }
    }

    private static long number(WbxmlElement document, String name) throws MalformedRequest {
        return document.text(H, name)
                .flatMap(WireNumbers::unsigned)
                .orElseThrow(() -> new MalformedRequest(Status.MALFORMED_REQUEST));
    }

    private static String text(WbxmlElement document, String name) throws MalformedRequest {
        Optional<String> text = document.text(H, name);
        if (text.isEmpty()) {
            throw new MalformedRequest(Status.MALFORMED_REQUEST);
        }
        return text.get();
    }
}
