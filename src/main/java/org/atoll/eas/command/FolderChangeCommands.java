package org.atoll.eas.command;

import java.util.function.Supplier;
import org.atoll.device.DeviceView;
import org.atoll.eas.message.EasMessage;
import org.atoll.eas.message.FolderChangeMessages;
import org.atoll.eas.message.FolderChangeMessages.CreateRequest;
import org.atoll.eas.message.FolderChangeMessages.DeleteRequest;
import org.atoll.eas.message.FolderChangeMessages.Request;
import org.atoll.eas.message.FolderChangeMessages.Response;
import org.atoll.eas.message.FolderChangeMessages.Status;
import org.atoll.eas.message.FolderChangeMessages.UpdateRequest;
import org.atoll.eas.request.EasCommand;
import org.atoll.mailbox.ChangeOrigin;
import org.atoll.mailbox.FolderNameTaken;
import org.atoll.mailbox.FolderNotFound;
import org.atoll.mailbox.FolderType;
import org.atoll.mailbox.InvalidMailboxRequest;
import org.atoll.mailbox.Mailboxes;
import org.atoll.mailbox.SystemFolderProtected;
import org.atoll.sync.FolderSyncs;
import org.jspecify.annotations.Nullable;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * FolderCreate, FolderUpdate and FolderDelete (MS-ASCMD 2.2.1.3, 2.2.1.6, 2.2.1.4). Each carries the device's
 * FolderSync key and answers with the next one; the change is made for the device, so its next FolderSync does not
 * send it back, while every other device receives it.
 */
@Configuration(proxyBeanMethods = false)
class FolderChangeCommands {

    @Bean
    MessageCommand<CreateRequest, Response> folderCreate(Mailboxes mailboxes, FolderSyncs folderSyncs) {
        return new Handler<>(EasCommand.FOLDER_CREATE, FolderChangeMessages.CREATE, mailboxes, folderSyncs) {
            @Override
            Response change(long accountId, long devicePk, CreateRequest request) {
                long created = ChangeOrigin.asDevice(
                                devicePk,
                                () -> mailboxes.createFolder(
                                        accountId,
                                        parentOrNull(request.parentId()),
                                        request.displayName(),
                                        FolderType.fromCode(request.type())))
                        .id();
                return success(accountId, devicePk, request, created);
            }
        };
    }

    @Bean
    MessageCommand<UpdateRequest, Response> folderUpdate(Mailboxes mailboxes, FolderSyncs folderSyncs) {
        return new Handler<>(EasCommand.FOLDER_UPDATE, FolderChangeMessages.UPDATE, mailboxes, folderSyncs) {
            @Override
            Response change(long accountId, long devicePk, UpdateRequest request) {
                ChangeOrigin.asDevice(
                        devicePk,
                        () -> mailboxes.updateFolder(
                                accountId,
                                request.serverId(),
                                parentOrNull(request.parentId()),
                                request.displayName()));
                return success(accountId, devicePk, request, null);
            }
        };
    }

    @Bean
    MessageCommand<DeleteRequest, Response> folderDelete(Mailboxes mailboxes, FolderSyncs folderSyncs) {
        return new Handler<>(EasCommand.FOLDER_DELETE, FolderChangeMessages.DELETE, mailboxes, folderSyncs) {
            @Override
            Response change(long accountId, long devicePk, DeleteRequest request) {
                ChangeOrigin.asDevice(devicePk, (Supplier<Void>) () -> {
                    mailboxes.deleteFolder(accountId, request.serverId());
                    return null;
                });
                return success(accountId, devicePk, request, null);
            }
        };
    }

    /** What the three commands share: the key check before, the status mapping around, the next key after. */
    abstract static class Handler<Q extends Request> implements MessageCommand<Q, Response> {

        private final EasCommand command;
        private final EasMessage<Q, Response> message;
        final Mailboxes mailboxes;
        private final FolderSyncs folderSyncs;

        Handler(EasCommand command, EasMessage<Q, Response> message, Mailboxes mailboxes, FolderSyncs folderSyncs) {
            this.command = command;
            this.message = message;
            this.mailboxes = mailboxes;
            this.folderSyncs = folderSyncs;
        }

        abstract Response change(long accountId, long devicePk, Q request);

        @Override
        public EasCommand command() {
            return command;
        }

        @Override
        public EasMessage<Q, Response> message() {
            return message;
        }

        @Override
        public Response serve(long accountId, DeviceView device, Q request) {
            if (!folderSyncs.isCurrent(accountId, device.id(), request.syncKey())) {
                return Response.refused(Status.INVALID_SYNC_KEY);
            }
            try {
                return change(accountId, device.id(), request);
            } catch (FolderNameTaken e) {
                return Response.refused(Status.EXISTS);
            } catch (SystemFolderProtected e) {
                return Response.refused(Status.SYSTEM_FOLDER);
            } catch (FolderNotFound e) {
                return Response.refused(folderExists(accountId, request) ? Status.PARENT_NOT_FOUND : Status.NOT_FOUND);
            } catch (InvalidMailboxRequest e) {
                return Response.refused(Status.MALFORMED_REQUEST);
            }
        }

        /** Whether the folder the request names exists, so that the one not found was the parent. */
        private boolean folderExists(long accountId, Q request) {
            long serverId;
            switch (request) {
                case UpdateRequest update -> serverId = update.serverId();
                case DeleteRequest delete -> serverId = delete.serverId();
                case CreateRequest _ -> {
                    return true;
                }
            }
            return mailboxes.folders(accountId).stream().anyMatch(f -> f.id() == serverId);
        }

        Response success(long accountId, long devicePk, Q request, @Nullable Long serverId) {
            long next =
                    folderSyncs.advance(accountId, devicePk, request.syncKey()).orElseThrow();
            return new Response(Status.SUCCESS, next, serverId);
        }

        static @Nullable Long parentOrNull(long parentId) {
            return parentId == 0 ? null : parentId;
        }
    }
}
