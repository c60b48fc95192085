package org.atoll.eas.command;

import java.util.Optional;
import java.util.function.BiFunction;
import org.atoll.device.DeviceView;
import org.atoll.eas.message.ComposeMailMessage;
import org.atoll.eas.message.ComposeMailMessage.Status;
import org.atoll.eas.message.MalformedRequest;
import org.atoll.eas.message.WireNumbers;
import org.atoll.eas.request.EasCommand;
import org.atoll.eas.request.EasOption;
import org.atoll.eas.request.EasParameter;
import org.atoll.eas.request.EasProtocolVersion;
import org.atoll.eas.request.EasRequest;
import org.atoll.mail.AlreadySent;
import org.atoll.mail.ForeignSender;
import org.atoll.mail.InvalidMessage;
import org.atoll.mail.MailSubmission;
import org.atoll.mail.NoRecipients;
import org.atoll.mail.SendQuotaExceeded;
import org.atoll.mail.SourceNotFound;
import org.atoll.mail.Submission;
import org.atoll.mail.SubmissionRefused;
import org.atoll.mail.UnresolvedRecipient;
import org.atoll.mailbox.Mailboxes;
import org.atoll.mailbox.MessageNotFound;
import org.atoll.mailbox.QuotaExceeded;
import org.atoll.sync.ItemId;
import org.atoll.wbxml.WbxmlDecoder;
import org.atoll.wbxml.WbxmlElement;
import org.atoll.wbxml.WbxmlException;
import org.jspecify.annotations.Nullable;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.dao.DataAccessException;
import org.springframework.transaction.TransactionException;

/**
 * SendMail, SmartReply and SmartForward (MS-ASCMD 2.2.1.17, 2.2.1.20, 2.2.1.19; ComposeMail code page 21). Protocol
 * 14.x sends a ComposeMail WBXML document and is answered with an empty body on success or a Status (MS-ASCMD
 * 2.2.3.177.14, 2.2.3.177.16: the values of MS-ASCMD 2.2.2); 12.1 sends the raw MIME with the rest in the query
 * (SaveInSent, ItemId, CollectionId, LongId) and learns of a failure from the HTTP status.
 */
@Configuration(proxyBeanMethods = false)
class ComposeMailCommands {

    @Bean
    BodyCommand sendMail(MailSubmission submissions, Mailboxes mailboxes) {
        return new ComposeHandler(
                EasCommand.SEND_MAIL,
                new ComposeMailMessage("SendMail", false, false),
                Submission.Kind.NEW,
                submissions,
                subjects(mailboxes));
    }

    @Bean
    BodyCommand smartReply(MailSubmission submissions, Mailboxes mailboxes) {
        return new ComposeHandler(
                EasCommand.SMART_REPLY,
                new ComposeMailMessage("SmartReply", true, false),
                Submission.Kind.REPLY,
                submissions,
                subjects(mailboxes));
    }

    @Bean
    BodyCommand smartForward(MailSubmission submissions, Mailboxes mailboxes) {
        return new ComposeHandler(
                EasCommand.SMART_FORWARD,
                new ComposeMailMessage("SmartForward", true, true),
                Submission.Kind.FORWARD,
                submissions,
                subjects(mailboxes));
    }

    /** The subject of one of the account's messages, if it has one; what a 16.x forward to Forwardees takes. */
    private static BiFunction<Long, Long, Optional<String>> subjects(Mailboxes mailboxes) {
        return (accountId, messageId) -> {
            try {
                return Optional.ofNullable(
                        mailboxes.message(accountId, messageId).subject());
            } catch (MessageNotFound e) {
                return Optional.empty();
            }
        };
    }

    /** A request read into its parts, or the Status it earned on the way. */
    private record Parsed(
            @Nullable String clientId,
            byte[] mime,
            boolean saveInSent,
            Submission.@Nullable Source source,
            boolean replaceMime) {}

    private static final class Refusal extends Exception {
        final Status status;

        Refusal(Status status) {
            super(status.name(), null, false, false);
            this.status = status;
        }
    }

    static final class ComposeHandler implements BodyCommand {

        private final EasCommand command;
        private final ComposeMailMessage message;
        private final Submission.Kind kind;
        private final MailSubmission submissions;
        private final WbxmlDecoder decoder = new WbxmlDecoder();
        private final BiFunction<Long, Long, Optional<String>> subjectOf;

        ComposeHandler(
                EasCommand command,
                ComposeMailMessage message,
                Submission.Kind kind,
                MailSubmission submissions,
                BiFunction<Long, Long, Optional<String>> subjectOf) {
            this.subjectOf = subjectOf;
            this.command = command;
            this.message = message;
            this.kind = kind;
            this.submissions = submissions;
        }

        @Override
        public EasCommand command() {
            return command;
        }

        @Override
        public WbxmlElement refused(int status) {
            return message.refused(status);
        }

        @Override
        public EasAnswer handle(long accountId, DeviceView device, EasRequest request, byte[] body) {
            boolean wbxml = request.protocolVersion().atLeast(EasProtocolVersion.V14_0);
            try {
                Parsed parsed = wbxml ? fromWbxml(accountId, body) : fromQuery(request, body);
                submissions.submit(new Submission(
                        accountId,
                        device.id(),
                        parsed.clientId(),
                        parsed.mime(),
                        parsed.saveInSent(),
                        kind,
                        parsed.source(),
                        parsed.replaceMime()));
                return new EasAnswer.Empty();
            } catch (Refusal e) {
                return refusal(e.status, wbxml);
            } catch (SubmissionRefused e) {
                return refusal(statusOf(e), wbxml);
            } catch (QuotaExceeded e) {
                return refusal(Status.MAILBOX_QUOTA_EXCEEDED, wbxml);
            } catch (DataAccessException | TransactionException e) {
                return refusal(Status.SERVER_ERROR_RETRY_LATER, wbxml);
            }
        }

        private EasAnswer refusal(Status status, boolean wbxml) {
            if (wbxml) {
                return EasAnswer.now(refused(status.code()));
            }
            return status.http() == 200
                    ? new EasAnswer.Empty()
                    : new EasAnswer.Http(status.http(), command.commandName() + " refused: " + status.name());
        }

        private static Status statusOf(SubmissionRefused refused) {
            return switch (refused) {
                case AlreadySent _ -> Status.MESSAGE_PREVIOUSLY_SENT;
                case InvalidMessage _ -> Status.INVALID_MIME;
                case NoRecipients _ -> Status.MESSAGE_HAS_NO_RECIPIENT;
                case UnresolvedRecipient _ -> Status.MESSAGE_RECIPIENT_UNRESOLVED;
                case ForeignSender _ -> Status.ACCESS_DENIED;
                case SourceNotFound _ -> Status.ITEM_NOT_FOUND;
                case SendQuotaExceeded _ -> Status.SEND_QUOTA_EXCEEDED;
            };
        }

        /** The 14.x form, read by {@link ComposeMailMessage}. */
        private Parsed fromWbxml(long accountId, byte[] body) throws Refusal {
            ComposeMailMessage.Request request;
            try {
                request = message.read(decoder.decode(body));
            } catch (WbxmlException e) {
                throw new Refusal(Status.INVALID_WBXML);
            } catch (MalformedRequest e) {
                throw new Refusal((Status) e.status());
            }
            ComposeMailMessage.Source named = request.source();
            Submission.Source source = named == null
                    ? null
                    : source(
                            Optional.ofNullable(named.folderId()),
                            Optional.ofNullable(named.itemId()),
                            Optional.ofNullable(named.longId()));
            return switch (request.content()) {
                case ComposeMailMessage.Forward forward -> {
                    try {
                        yield new Parsed(
                                request.clientId(),
                                Forwardees.message(forward, subjectOf.apply(accountId, source.messageId())),
                                request.saveInSent(),
                                source,
                                request.replaceMime());
                    } catch (IllegalArgumentException e) {
                        throw new Refusal(Status.MESSAGE_RECIPIENT_UNRESOLVED);
                    }
                }
                case ComposeMailMessage.Mime(byte[] mime) ->
                    new Parsed(request.clientId(), mime, request.saveInSent(), source, request.replaceMime());
            };
        }

        /** The 12.1 form: the body is the MIME, the rest is in the query (MS-ASHTTP 2.2.1.1.1.2.5). */
        private Parsed fromQuery(EasRequest request, byte[] body) throws Refusal {
            Submission.Source source = null;
            if (kind != Submission.Kind.NEW) {
                source = source(
                        request.parameter(EasParameter.COLLECTION_ID),
                        request.parameter(EasParameter.ITEM_ID),
                        request.parameter(EasParameter.LONG_ID));
            }
            return new Parsed(null, body, request.hasOption(EasOption.SAVE_IN_SENT), source, false);
        }

        /**
         * The source item: by LongId, or by ItemId (a ServerId) in FolderId. An id that is not of the form the server
         * hands out names no item (150); a request naming neither is malformed.
         */
        private static Submission.Source source(
                Optional<String> folderId, Optional<String> itemId, Optional<String> longId) throws Refusal {
            Optional<String> id = longId.isPresent() ? longId : itemId;
            if (id.isEmpty()) {
                throw new Refusal(Status.INVALID_XML);
            }
            ItemId serverId = ItemId.parse(id.get()).orElseThrow(() -> new Refusal(Status.ITEM_NOT_FOUND));
            if (longId.isEmpty() && folderId.isPresent()) {
                Optional<Long> folder = WireNumbers.unsigned(folderId.get());
                if (folder.isEmpty() || folder.get() != serverId.folderId()) {
                    throw new Refusal(Status.ITEM_NOT_FOUND);
                }
            }
            return new Submission.Source(serverId.folderId(), serverId.messageId());
        }
    }
}
