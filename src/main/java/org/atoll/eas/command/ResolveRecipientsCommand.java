package org.atoll.eas.command;

import java.util.List;
import java.util.Optional;
import org.atoll.account.Directory;
import org.atoll.account.DirectoryEntry;
import org.atoll.account.InvalidAccountData;
import org.atoll.device.DeviceView;
import org.atoll.eas.request.EasCommand;
import org.atoll.wbxml.CodePage;
import org.atoll.wbxml.WbxmlElement;
import org.springframework.stereotype.Component;

/**
 * ResolveRecipients (MS-ASCMD 2.2.1.15): each {@code To} as the user typed it, resolved against the directory to the
 * account whose address it is, or to the accounts it may mean. This server keeps no S/MIME certificates and, until it
 * has calendars, no free/busy data: a request for either is answered with the Status that says the recipient has
 * none.
 */
@Component
class ResolveRecipientsCommand implements EasCommandHandler {

    /** ResolveRecipients Status as a child of ResolveRecipients (MS-ASCMD 2.2.3.177.12). */
    enum Status {
        SUCCESS(1),
        PROTOCOL_ERROR(5);

        final int code;

        Status(int code) {
            this.code = code;
        }
    }

    /** Status as a child of Response (MS-ASCMD 2.2.3.177.12). */
    enum Resolved {
        UNIQUELY(1),
        AMBIGUOUS(2),
        AMBIGUOUS_PARTLY_LISTED(3),
        NOT_RESOLVED(4);

        final int code;

        Resolved(int code) {
            this.code = code;
        }
    }

    /** The most To elements one request may carry (MS-ASCMD 2.2.3.183). */
    static final int MAX_RECIPIENTS = 100;

    /** Suggestions per ambiguous To when the request names no MaxAmbiguousRecipients. */
    static final int DEFAULT_SUGGESTIONS = 20;

    /** Certificates Status: the recipient has no valid S/MIME certificate (MS-ASCMD 2.2.3.177.12). */
    private static final int NO_CERTIFICATE = 7;

    /** Availability Status: the server could not retrieve free/busy data (MS-ASCMD 2.2.3.177.12). */
    private static final int NO_FREE_BUSY = 162;

    /** Picture Status: the recipient has no picture (MS-ASCMD 2.2.3.177.12). */
    private static final int NO_PICTURE = 173;

    /** Recipient Type of an entry from the global address list (MS-ASCMD 2.2.3.186.5). */
    private static final String GAL_ENTRY = "1";

    private static final CodePage R = CodePage.RESOLVE_RECIPIENTS;

    private final Directory directory;

    ResolveRecipientsCommand(Directory directory) {
        this.directory = directory;
    }

    @Override
    public EasCommand command() {
        return EasCommand.RESOLVE_RECIPIENTS;
    }

    @Override
    public WbxmlElement refused(int status) {
        return WbxmlElement.of(R, "ResolveRecipients").add("Status", Integer.toString(status));
    }

    @Override
    public WbxmlElement handle(long accountId, DeviceView device, WbxmlElement request) {
        if (request.page() != R || !request.name().equals("ResolveRecipients")) {
            return refused(Status.PROTOCOL_ERROR.code);
        }
        List<WbxmlElement> recipients = request.children(R, "To");
        Optional<WbxmlElement> options = request.child(R, "Options");
        Optional<Integer> suggestions = options.flatMap(o -> o.text(R, "MaxAmbiguousRecipients"))
                .map(text -> WireNumbers.unsigned(text)
                        .filter(n -> n <= Directory.MAX_RESULTS)
                        .map(Long::intValue)
                        .orElse(-1))
                .or(() -> Optional.of(DEFAULT_SUGGESTIONS));
        if (recipients.isEmpty() || recipients.size() > MAX_RECIPIENTS || suggestions.get() < 0) {
            return refused(Status.PROTOCOL_ERROR.code);
        }
        boolean certificates = options.flatMap(o -> o.text(R, "CertificateRetrieval"))
                .filter(retrieval -> !retrieval.equals("1"))
                .isPresent();
        boolean availability = options.flatMap(o -> o.child(R, "Availability")).isPresent();
        boolean pictures = options.flatMap(o -> o.child(R, "Picture")).isPresent();
        WbxmlElement answer = refused(Status.SUCCESS.code);
        for (WbxmlElement to : recipients) {
            String written = to.text().orElse("");
            Directory.Resolution resolution;
            try {
                resolution = directory.resolve(written, suggestions.get());
            } catch (InvalidAccountData e) {
                resolution = new Directory.Resolution(List.of(), 0);
            }
            List<DirectoryEntry> entries = resolution.entries();
            WbxmlElement response = WbxmlElement.of(R, "Response")
                    .add("To", written)
                    .add("Status", Integer.toString(resolved(resolution).code))
                    .add("RecipientCount", Integer.toString(entries.size()));
            for (DirectoryEntry entry : entries) {
                WbxmlElement recipient = WbxmlElement.of(R, "Recipient")
                        .add("Type", GAL_ENTRY)
                        .add("DisplayName", entry.displayName())
                        .add("EmailAddress", entry.address());
                if (availability) {
                    recipient.add(WbxmlElement.of(R, "Availability").add("Status", Integer.toString(NO_FREE_BUSY)));
                }
                if (certificates) {
                    recipient.add(WbxmlElement.of(R, "Certificates")
                            .add("Status", Integer.toString(NO_CERTIFICATE))
                            .add("CertificateCount", "0")
                            .add("RecipientCount", "1"));
                }
                if (pictures) {
                    recipient.add(WbxmlElement.of(R, "Picture").add("Status", Integer.toString(NO_PICTURE)));
                }
                response.add(recipient);
            }
            answer.add(response);
        }
        return answer;
    }

    private static Resolved resolved(Directory.Resolution resolution) {
        int listed = resolution.entries().size();
        if (listed == 0) {
            return Resolved.NOT_RESOLVED;
        }
        if (resolution.total() == 1) {
            return Resolved.UNIQUELY;
        }
        return listed < resolution.total() ? Resolved.AMBIGUOUS_PARTLY_LISTED : Resolved.AMBIGUOUS;
    }
}
