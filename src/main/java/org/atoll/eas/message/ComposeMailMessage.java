package org.atoll.eas.message;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.atoll.wbxml.CodePage;
import org.atoll.wbxml.WbxmlElement;
import org.jspecify.annotations.Nullable;

/**
 * SendMail, SmartReply and SmartForward in their protocol 14.x form (MS-ASCMD 2.2.3.162 SendMail, 2.2.3.169
 * SmartForward, 2.2.3.170 SmartReply; ComposeMail code page 21): the request carries a ClientId, the source of a
 * reply or forward, and the MIME or (16.x SmartForward) the Forwardees and a Body; success is an empty response,
 * a failure the root element with a Status.
 */
public final class ComposeMailMessage {

    /** The ComposeMail failures, values of MS-ASCMD 2.2.2 (Common Status Codes), with the 12.1 HTTP status. */
    public enum Status implements WireStatus {
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

        private final int code;
        private final int http;

        Status(int code, int http) {
            this.code = code;
            this.http = http;
        }

        @Override
        public int code() {
            return code;
        }

        /** The HTTP status a 12.1 device gets instead. */
        public int http() {
            return http;
        }
    }

    /** Longest ClientId accepted; devices send GUIDs or short counters. */
    public static final int MAX_CLIENT_ID = 64;

    /**
     * @param source the Source of a SmartReply or SmartForward, null for SendMail
     * @param saveInSent SaveInSentItems
     * @param replaceMime ReplaceMime: the MIME replaces the original instead of being added to it
     */
    public record Request(
            String clientId, @Nullable Source source, Content content, boolean saveInSent, boolean replaceMime) {}

    /** The source item as the device named it: by LongId, or by ItemId in FolderId (MS-ASCMD 2.2.3.163). */
    public record Source(
            @Nullable String folderId,
            @Nullable String itemId,
            @Nullable String longId) {}

    /** What the message is made of. */
    public sealed interface Content {}

    /** The whole message as MIME. */
    public record Mime(byte[] mime) implements Content {}

    /**
     * A 16.x SmartForward to Forwardees (MS-ASCMD 2.2.3.79): the recipients and the device's own text, from which the
     * server writes the message.
     */
    public record Forward(List<Forwardee> forwardees, String text, boolean html) implements Content {}

    /** A Forwardee's Email and optional Name (MS-ASCMD 2.2.3.78). */
    public record Forwardee(String email, @Nullable String name) {}

    private static final CodePage C = CodePage.COMPOSE_MAIL;

    private final String root;
    private final boolean needsSource;
    private final boolean forwards;

    /**
     * @param root SendMail, SmartReply or SmartForward
     * @param needsSource whether the command answers an item (SmartReply, SmartForward)
     * @param forwards whether the command may name Forwardees (SmartForward)
     */
    public ComposeMailMessage(String root, boolean needsSource, boolean forwards) {
        this.root = root;
        this.needsSource = needsSource;
        this.forwards = forwards;
    }

    /**
     * The request; another document, a missing or unusable ClientId, a missing Source or Mime are Status 103, an
     * AccountId (which names no account this server serves) 166, a Forwardee without Email 116.
     */
    public Request read(WbxmlElement document) throws MalformedRequest {
        if (document.page() != C || !document.name().equals(root)) {
            throw new MalformedRequest(Status.INVALID_XML);
        }
        if (document.child(C, "AccountId").isPresent()) {
            throw new MalformedRequest(Status.INVALID_ACCOUNT_ID);
        }
        String clientId = document.text(C, "ClientId").orElseThrow(() -> new MalformedRequest(Status.INVALID_XML));
        if (clientId.length() > MAX_CLIENT_ID || !clientId.chars().allMatch(c -> c > 0x20 && c < 0x7F)) {
            throw new MalformedRequest(Status.INVALID_XML);
        }
        Source source = null;
        if (needsSource) {
            WbxmlElement element =
                    document.child(C, "Source").orElseThrow(() -> new MalformedRequest(Status.INVALID_XML));
            source = new Source(
                    element.text(C, "FolderId").orElse(null),
                    element.text(C, "ItemId").orElse(null),
                    element.text(C, "LongId").orElse(null));
            if (source.itemId() == null && source.longId() == null) {
                throw new MalformedRequest(Status.INVALID_XML);
            }
        }
        Optional<WbxmlElement> forwardees = document.child(C, "Forwardees");
        if (forwards && forwardees.isPresent()) {
            if (document.child(C, "Mime").isPresent()) {
                throw new MalformedRequest(Status.INVALID_XML);
            }
            List<Forwardee> list = new ArrayList<>();
            for (WbxmlElement forwardee : forwardees.get().children(C, "Forwardee")) {
                list.add(new Forwardee(
                        forwardee
                                .text(C, "Email")
                                .orElseThrow(() -> new MalformedRequest(Status.MESSAGE_RECIPIENT_UNRESOLVED)),
                        forwardee.text(C, "Name").orElse(null)));
            }
            Optional<WbxmlElement> body = document.child(CodePage.AIRSYNCBASE, "Body");
            return new Request(
                    clientId,
                    source,
                    new Forward(
                            list,
                            body.flatMap(b -> b.text("Data")).orElse(""),
                            body.flatMap(b -> b.text("Type")).map("2"::equals).orElse(false)),
                    true,
                    false);
        }
        WbxmlElement mimeElement =
                document.child(C, "Mime").orElseThrow(() -> new MalformedRequest(Status.INVALID_XML));
        byte[] mime = mimeElement
                .opaque()
                .or(() -> mimeElement.text().map(t -> t.getBytes(StandardCharsets.UTF_8)))
                .orElse(new byte[0]);
        return new Request(
                clientId,
                source,
                new Mime(mime),
                document.child(C, "SaveInSentItems").isPresent(),
                document.child(C, "ReplaceMime").isPresent());
    }

    /** The response to a refused request; success has no body at all (MS-ASCMD 2.2.3.177.14). */
    public WbxmlElement refused(int status) {
        return WbxmlElement.of(C, root).add("Status", Integer.toString(status));
    }
}
