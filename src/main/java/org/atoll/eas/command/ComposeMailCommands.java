package org.atoll.eas.command;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.function.BiFunction;
import org.atoll.device.DeviceView;
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
import org.atoll.wbxml.CodePage;
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

    /** The ComposeMail failures, values of MS-ASCMD 2.2.2 (Common Status Codes), with the 12.1 HTTP status. */
    enum Status {
        INVALID_WBXML(102, 400),
        INVALID_XML(103, 400),
        INVALID_MIME(107, 400),
        SERVER_ERROR_RETRY_LATER(111, 503),
        MAILBOX_QUOTA_EXCEEDED(113, 507),
        /** "The request would exceed the send quota": the account's send limits; 12.1 learns of it as server busy. */
        SEND_QUOTA_EXCEEDED(115, 503),
        MESSAGE_RECIPIENT_UNRESOLVED(116, 400),
        /** 12.1 has no ClientId; the code is listed for completeness of the mapping. */
        MESSAGE_PREVIOUSLY_SENT(118, 200),
        MESSAGE_HAS_NO_RECIPIENT(119, 400),
        ACCESS_DENIED(130, 403),
        ITEM_NOT_FOUND(150, 400),
        INVALID_ACCOUNT_ID(166, 400);

        final int code;
        final int http;

        Status(int code, int http) {
            this.code = code;
            this.http = http;
        }
    }

    /** Longest ClientId accepted; devices send GUIDs or short counters. */
    static final int MAX_CLIENT_ID = 64;

    private static final CodePage C = CodePage.COMPOSE_MAIL;

    @Bean
    BodyCommandHandler sendMail(MailSubmission submissions, Mailboxes mailboxes) {
        return new ComposeHandler(
                EasCommand.SEND_MAIL, "SendMail", Submission.Kind.NEW, submissions, subjects(mailboxes));
    }

    @Bean
    BodyCommandHandler smartReply(MailSubmission submissions, Mailboxes mailboxes) {
        return new ComposeHandler(
                EasCommand.SMART_REPLY, "SmartReply", Submission.Kind.REPLY, submissions, subjects(mailboxes));
    }

    @Bean
    BodyCommandHandler smartForward(MailSubmission submissions, Mailboxes mailboxes) {
        return new ComposeHandler(
                EasCommand.SMART_FORWARD, "SmartForward", Submission.Kind.FORWARD, submissions, subjects(mailboxes));
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

    static final class ComposeHandler implements BodyCommandHandler {

        private final EasCommand command;
        private final String root;
        private final Submission.Kind kind;
        private final MailSubmission submissions;
        private final WbxmlDecoder decoder = new WbxmlDecoder();
        private final BiFunction<Long, Long, Optional<String>> subjectOf;

        ComposeHandler(
                EasCommand command,
                String root,
                Submission.Kind kind,
                MailSubmission submissions,
                BiFunction<Long, Long, Optional<String>> subjectOf) {
            this.subjectOf = subjectOf;
            this.command = command;
            this.root = root;
            this.kind = kind;
            this.submissions = submissions;
        }

        @Override
        public EasCommand command() {
            return command;
        }

        @Override
        public WbxmlElement refused(int status) {
            return WbxmlElement.of(C, root).add("Status", Integer.toString(status));
        }

        @Override
        public Reply handle(long accountId, DeviceView device, EasRequest request, byte[] body) {
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
                return new Reply.Empty();
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

        private Reply refusal(Status status, boolean wbxml) {
            if (wbxml) {
                return new Reply.Wbxml(refused(status.code));
            }
            return status.http == 200
                    ? new Reply.Empty()
                    : new Reply.Http(status.http, command.commandName() + " refused: " + status.name());
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

        /** The 14.x form: MS-ASCMD 2.2.3.162 (SendMail), 2.2.3.169 (SmartForward), 2.2.3.170 (SmartReply). */
        private Parsed fromWbxml(long accountId, byte[] body) throws Refusal {
            WbxmlElement document;
            try {
                document = decoder.decode(body);
            } catch (WbxmlException e) {
                throw new Refusal(Status.INVALID_WBXML);
            }
            if (document.page() != C || !document.name().equals(root)) {
                throw new Refusal(Status.INVALID_XML);
            }
            if (document.child(C, "AccountId").isPresent()) {
                throw new Refusal(Status.INVALID_ACCOUNT_ID);
            }
            String clientId = document.text(C, "ClientId").orElseThrow(() -> new Refusal(Status.INVALID_XML));
            if (clientId.length() > MAX_CLIENT_ID || !clientId.chars().allMatch(c -> c > 0x20 && c < 0x7F)) {
                throw new Refusal(Status.INVALID_XML);
            }
            Submission.Source source = null;
            if (kind != Submission.Kind.NEW) {
                WbxmlElement element = document.child(C, "Source").orElseThrow(() -> new Refusal(Status.INVALID_XML));
                source = source(element.text(C, "FolderId"), element.text(C, "ItemId"), element.text(C, "LongId"));
            }
            Optional<WbxmlElement> forwardees = document.child(C, "Forwardees");
            if (kind == Submission.Kind.FORWARD && forwardees.isPresent() && source != null) {
                if (document.child(C, "Mime").isPresent()) {
                    throw new Refusal(Status.INVALID_XML);
                }
                try {
                    return new Parsed(
                            clientId,
                            Forwardees.message(
                                    forwardees.get(), document, subjectOf.apply(accountId, source.messageId())),
                            true,
                            source,
                            false);
                } catch (IllegalArgumentException e) {
                    throw new Refusal(Status.MESSAGE_RECIPIENT_UNRESOLVED);
                }
            }
            WbxmlElement mimeElement = document.child(C, "Mime").orElseThrow(() -> new Refusal(Status.INVALID_XML));
            byte[] mime = mimeElement
                    .opaque()
                    .or(() -> mimeElement.text().map(t -> t.getBytes(StandardCharsets.UTF_8)))
                    .orElse(new byte[0]);
            return new Parsed(
                    clientId,
                    mime,
                    document.child(C, "SaveInSentItems").isPresent(),
                    source,
                    document.child(C, "ReplaceMime").isPresent());
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
