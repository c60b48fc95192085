package org.atoll.eas.command;

import java.util.Optional;
import java.util.function.Supplier;
import org.atoll.device.DeviceView;
import org.atoll.eas.request.EasCommand;
import org.atoll.mailbox.ChangeOrigin;
import org.atoll.mailbox.FolderNameTaken;
import org.atoll.mailbox.FolderNotFound;
import org.atoll.mailbox.FolderType;
import org.atoll.mailbox.InvalidMailboxRequest;
import org.atoll.mailbox.Mailboxes;
import org.atoll.mailbox.SystemFolderProtected;
import org.atoll.sync.FolderSyncs;
import org.atoll.wbxml.CodePage;
import org.atoll.wbxml.WbxmlElement;
import org.jspecify.annotations.Nullable;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * FolderCreate, FolderUpdate and FolderDelete (MS-ASCMD 2.2.1.2, 2.2.1.4, 2.2.1.3). Each carries the device's
 * FolderSync key and answers with the next one; the change is made for the device, so its next FolderSync does not
 * send it back, while every other device receives it.
 */
@Configuration(proxyBeanMethods = false)
class FolderChangeCommands {

    /** Status values shared by the three commands, MS-ASCMD 2.2.3.177.2 to 2.2.3.177.4. */
    enum Status {
        SUCCESS(1),
        EXISTS(2),
        SYSTEM_FOLDER(3),
        NOT_FOUND(4),
        PARENT_NOT_FOUND(5),
        INVALID_SYNC_KEY(9),
        MALFORMED_REQUEST(10);

        final int code;

        Status(int code) {
            this.code = code;
        }
    }

    private static final CodePage H = CodePage.FOLDER_HIERARCHY;

    @Bean
    EasCommandHandler folderCreate(Mailboxes mailboxes, FolderSyncs folderSyncs) {
        return new Handler(EasCommand.FOLDER_CREATE, "FolderCreate", mailboxes, folderSyncs) {
            @Override
            WbxmlElement change(long accountId, long devicePk, long key, WbxmlElement request) {
                Optional<String> name = request.text(H, "DisplayName");
                Optional<Long> parent = request.text(H, "ParentId").flatMap(WireNumbers::unsigned);
                Optional<FolderType> type = request.text(H, "Type").flatMap(Handler::userFolderType);
                if (name.isEmpty() || parent.isEmpty() || type.isEmpty()) {
                    return status(Status.MALFORMED_REQUEST);
                }
                long created = ChangeOrigin.asDevice(
                                devicePk,
                                () -> mailboxes.createFolder(
                                        accountId, parentOrNull(parent.get()), name.get(), type.get()))
                        .id();
                return success(accountId, devicePk, key).add("ServerId", Long.toString(created));
            }
        };
    }

    @Bean
    EasCommandHandler folderUpdate(Mailboxes mailboxes, FolderSyncs folderSyncs) {
        return new Handler(EasCommand.FOLDER_UPDATE, "FolderUpdate", mailboxes, folderSyncs) {
            @Override
            WbxmlElement change(long accountId, long devicePk, long key, WbxmlElement request) {
                Optional<Long> folder = request.text(H, "ServerId").flatMap(WireNumbers::unsigned);
                Optional<String> name = request.text(H, "DisplayName");
                Optional<Long> parent = request.text(H, "ParentId").flatMap(WireNumbers::unsigned);
                if (folder.isEmpty() || name.isEmpty() || parent.isEmpty()) {
                    return status(Status.MALFORMED_REQUEST);
                }
                ChangeOrigin.asDevice(
                        devicePk,
                        () -> mailboxes.updateFolder(accountId, folder.get(), parentOrNull(parent.get()), name.get()));
                return success(accountId, devicePk, key);
            }
        };
    }

    @Bean
    EasCommandHandler folderDelete(Mailboxes mailboxes, FolderSyncs folderSyncs) {
        return new Handler(EasCommand.FOLDER_DELETE, "FolderDelete", mailboxes, folderSyncs) {
            @Override
            WbxmlElement change(long accountId, long devicePk, long key, WbxmlElement request) {
                Optional<Long> folder = request.text(H, "ServerId").flatMap(WireNumbers::unsigned);
                if (folder.isEmpty()) {
                    return status(Status.MALFORMED_REQUEST);
                }
                ChangeOrigin.asDevice(devicePk, (Supplier<Void>) () -> {
                    mailboxes.deleteFolder(accountId, folder.get());
                    return null;
                });
                return success(accountId, devicePk, key);
            }
        };
    }

    /** What the three commands share: the key check before, the status mapping around, the next key after. */
    abstract static class Handler implements EasCommandHandler {

        private final EasCommand command;
        private final String root;
        final Mailboxes mailboxes;
        private final FolderSyncs folderSyncs;

        Handler(EasCommand command, String root, Mailboxes mailboxes, FolderSyncs folderSyncs) {
            this.command = command;
            this.root = root;
            this.mailboxes = mailboxes;
            this.folderSyncs = folderSyncs;
        }

        abstract WbxmlElement change(long accountId, long devicePk, long key, WbxmlElement request);

        @Override
        public EasCommand command() {
            return command;
        }

        @Override
        public WbxmlElement refused(int status) {
            return WbxmlElement.of(H, root).add("Status", Integer.toString(status));
        }

        @Override
        public WbxmlElement handle(long accountId, DeviceView device, WbxmlElement request) {
            if (request.page() != H || !request.name().equals(root)) {
                return status(Status.MALFORMED_REQUEST);
            }
            long key;
            switch (WireNumbers.syncKey(request.text(H, "SyncKey"))) {
                case WireNumbers.SentKey.Missing() -> {
                    return status(Status.MALFORMED_REQUEST);
                }
                case WireNumbers.SentKey.NeverIssued() -> {
                    return status(Status.INVALID_SYNC_KEY);
                }
                case WireNumbers.SentKey.Issuable(long value) -> key = value;
            }
            if (!folderSyncs.isCurrent(accountId, device.id(), key)) {
                return status(Status.INVALID_SYNC_KEY);
            }
            try {
                return change(accountId, device.id(), key, request);
            } catch (FolderNameTaken e) {
                return status(Status.EXISTS);
            } catch (SystemFolderProtected e) {
                return status(Status.SYSTEM_FOLDER);
            } catch (FolderNotFound e) {
                boolean folderExists = request.text(H, "ServerId")
                        .flatMap(WireNumbers::unsigned)
                        .map(id -> mailboxes.folders(accountId).stream().anyMatch(f -> f.id() == id))
                        .orElse(true);
                return status(folderExists ? Status.PARENT_NOT_FOUND : Status.NOT_FOUND);
            } catch (InvalidMailboxRequest e) {
                return status(Status.MALFORMED_REQUEST);
            }
        }

        WbxmlElement status(Status status) {
            return refused(status.code);
        }

        WbxmlElement success(long accountId, long devicePk, long key) {
            long next = folderSyncs.advance(accountId, devicePk, key).orElseThrow();
            return status(Status.SUCCESS).add("SyncKey", Long.toString(next));
        }

        static @Nullable Long parentOrNull(long parentId) {
            return parentId == 0 ? null : parentId;
        }

        static Optional<FolderType> userFolderType(String text) {
            return WireNumbers.unsigned(text)
                    .filter(code -> code == 1 || (code >= 12 && code <= 17))
                    .map(code -> FolderType.fromCode(code.intValue()));
        }
    }
}
