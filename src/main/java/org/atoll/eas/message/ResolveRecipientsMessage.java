package org.atoll.eas.message;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import org.atoll.calendar.FreeBusy;
import org.atoll.wbxml.CodePage;
import org.atoll.wbxml.WbxmlElement;
import org.jspecify.annotations.Nullable;

/**
 * ResolveRecipients (MS-ASCMD 2.2.1.15): the request carries each {@code To} as the user typed it and the Options;
 * the response one Response per To, with the recipients it may mean.
 */
public final class ResolveRecipientsMessage
        implements EasMessage<ResolveRecipientsMessage.Request, ResolveRecipientsMessage.Response> {

    /** ResolveRecipients Status as a child of ResolveRecipients (MS-ASCMD 2.2.3.177.12). */
    public enum Status implements WireStatus {
        SUCCESS(1),
        PROTOCOL_ERROR(5);

        private final int code;

        Status(int code) {
            this.code = code;
        }

        @Override
        public int code() {
            return code;
        }
    }

    /** Status as a child of Response (MS-ASCMD 2.2.3.177.12). */
    public enum Resolved implements WireStatus {
        UNIQUELY(1),
        AMBIGUOUS(2),
        AMBIGUOUS_PARTLY_LISTED(3),
        NOT_RESOLVED(4);

        private final int code;

        Resolved(int code) {
            this.code = code;
        }

        @Override
        public int code() {
            return code;
        }
    }

    /** The most To elements one request may carry (MS-ASCMD 2.2.3.183). */
    public static final int MAX_RECIPIENTS = 100;

    /** Suggestions per ambiguous To when the request names no MaxAmbiguousRecipients. */
    public static final int DEFAULT_SUGGESTIONS = 20;

    /** Certificates Status: the recipient has no valid S/MIME certificate (MS-ASCMD 2.2.3.177.12). */
    private static final int NO_CERTIFICATE = 7;

    /** Availability Status: free/busy data follows (MS-ASCMD 2.2.3.177.12). */
    private static final int FREE_BUSY = 1;

    /** Availability Status: the server could not retrieve free/busy data (MS-ASCMD 2.2.3.177.12). */
    private static final int NO_FREE_BUSY = 162;

    /** Picture Status: the recipient has no picture (MS-ASCMD 2.2.3.177.12). */
    private static final int NO_PICTURE = 173;

    /** Recipient Type of an entry from the global address list (MS-ASCMD 2.2.3.186.5). */
    private static final String GAL_ENTRY = "1";

    /**
     * @param to each To as written
     * @param suggestions MaxAmbiguousRecipients, or the default
     * @param certificates whether certificates were asked for (a CertificateRetrieval other than 1)
     * @param availability the span free/busy was asked for, or null
     * @param pictures whether pictures were asked for
     */
    public record Request(
            List<String> to,
            int suggestions,
            boolean certificates,
            @Nullable Availability availability,
            boolean pictures) {}

    /**
     * The span of an Availability option (MS-ASCMD 2.2.3.16): from StartTime to EndTime, at most
     * {@link FreeBusy#MAX_INTERVALS} intervals of {@link FreeBusy#INTERVAL}.
     */
    public record Availability(Instant start, Instant end) {}

    /**
     * Status 1 and one answer per To. Each recipient carries, for what the request asked, its free/busy or the Status
     * that says it has none, and the Status that says it has no certificate and no picture.
     */
    public record Response(List<Answer> answers, boolean certificates, boolean availability, boolean pictures) {}

    public record Answer(String to, Resolved status, List<Recipient> recipients) {}

    /**
     * A directory entry the To may mean.
     *
     * @param mergedFreeBusy its MergedFreeBusy over the span asked (MS-ASCMD 2.2.3.107), or null when there is none
     */
    public record Recipient(
            String displayName, String address, @Nullable String mergedFreeBusy) {}

    private static final CodePage R = CodePage.RESOLVE_RECIPIENTS;

    private final int maxSuggestions;

    /** @param maxSuggestions the highest MaxAmbiguousRecipients accepted */
    public ResolveRecipientsMessage(int maxSuggestions) {
        this.maxSuggestions = maxSuggestions;
    }

    /**
     * No To, more than {@link #MAX_RECIPIENTS}, a MaxAmbiguousRecipients out of range, or an Availability without a
     * StartTime before its EndTime or longer than {@link FreeBusy#MAX_INTERVALS} intervals is Status 5.
     */
    @Override
    public Request read(WbxmlElement document) throws MalformedRequest {
        if (document.page() != R || !document.name().equals("ResolveRecipients")) {
            throw new MalformedRequest(Status.PROTOCOL_ERROR);
        }
        List<WbxmlElement> recipients = document.children(R, "To");
        Optional<WbxmlElement> options = document.child(R, "Options");
        int suggestions = options.flatMap(o -> o.text(R, "MaxAmbiguousRecipients"))
                .map(text -> WireNumbers.unsigned(text)
                        .filter(n -> n <= maxSuggestions)
                        .map(Long::intValue)
                        .orElse(-1))
                .orElse(DEFAULT_SUGGESTIONS);
        if (recipients.isEmpty() || recipients.size() > MAX_RECIPIENTS || suggestions < 0) {
            throw new MalformedRequest(Status.PROTOCOL_ERROR);
        }
        Availability availability = null;
        Optional<WbxmlElement> asked = options.flatMap(o -> o.child(R, "Availability"));
        if (asked.isPresent()) {
            availability = availability(asked.get());
        }
        return new Request(
                recipients.stream().map(to -> to.text().orElse("")).toList(),
                suggestions,
                options.flatMap(o -> o.text(R, "CertificateRetrieval"))
                        .filter(retrieval -> !retrieval.equals("1"))
                        .isPresent(),
                availability,
                options.flatMap(o -> o.child(R, "Picture")).isPresent());
    }

    private static Availability availability(WbxmlElement element) throws MalformedRequest {
        try {
            Instant start = Instant.parse(element.text(R, "StartTime").orElse(""));
            Instant end = Instant.parse(element.text(R, "EndTime").orElse(""));
            long step = FreeBusy.INTERVAL.toSeconds();
            if (!end.isAfter(start)
                    || (Duration.between(start, end).toSeconds() + step - 1) / step > FreeBusy.MAX_INTERVALS) {
                throw new MalformedRequest(Status.PROTOCOL_ERROR);
            }
            return new Availability(start, end);
        } catch (DateTimeParseException e) {
            throw new MalformedRequest(Status.PROTOCOL_ERROR);
        }
    }

    @Override
    public WbxmlElement write(Response response) {
        WbxmlElement document = refused(Status.SUCCESS.code());
        for (Answer answer : response.answers()) {
            WbxmlElement element = WbxmlElement.of(R, "Response")
                    .add("To", answer.to())
                    .add("Status", Integer.toString(answer.status().code()))
                    .add("RecipientCount", Integer.toString(answer.recipients().size()));
            for (Recipient entry : answer.recipients()) {
                WbxmlElement recipient = WbxmlElement.of(R, "Recipient")
                        .add("Type", GAL_ENTRY)
                        .add("DisplayName", entry.displayName())
                        .add("EmailAddress", entry.address());
                if (response.availability()) {
                    WbxmlElement availability = WbxmlElement.of(R, "Availability");
                    if (entry.mergedFreeBusy() == null) {
                        availability.add("Status", Integer.toString(NO_FREE_BUSY));
                    } else {
                        availability
                                .add("Status", Integer.toString(FREE_BUSY))
                                .add("MergedFreeBusy", entry.mergedFreeBusy());
                    }
                    recipient.add(availability);
                }
                if (response.certificates()) {
                    recipient.add(WbxmlElement.of(R, "Certificates")
                            .add("Status", Integer.toString(NO_CERTIFICATE))
                            .add("CertificateCount", "0")
                            .add("RecipientCount", "1"));
                }
                if (response.pictures()) {
                    recipient.add(WbxmlElement.of(R, "Picture").add("Status", Integer.toString(NO_PICTURE)));
                }
                element.add(recipient);
            }
            document.add(element);
        }
        return document;
    }

    @Override
    public WbxmlElement refused(int status) {
        return WbxmlElement.of(R, "ResolveRecipients").add("Status", Integer.toString(status));
    }
}
