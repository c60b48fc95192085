package org.atoll.eas.message;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.atoll.account.DirectoryEntry;
import org.atoll.mailbox.MessageView;
import org.atoll.wbxml.CodePage;
import org.atoll.wbxml.WbxmlElement;

/**
 * Find (MS-ASCMD 2.2.1.2), protocol 16.1: a {@code SearchId}, then an {@code ExecuteSearch} holding either a
 * {@code MailBoxSearchCriterion} (a Query of FreeText words, airsync:Class and at most one airsync:CollectionId, with
 * Options Range and DeepTraversal) or a {@code GALSearchCriterion} (a Query of FreeText, with Options Range and
 * Picture). Results carry the properties of MS-ASCMD 2.2.3.139.1.
 */
public final class FindMessage implements EasMessage<FindMessage.Request, FindMessage.Response> {

    /** Find Status, as a child of Find and of Response (MS-ASCMD 2.2.3.177.2). */
    public enum Status implements WireStatus {
        SUCCESS(1),
        INVALID_REQUEST(2),
        FOLDER_SYNC_REQUIRED(3);

        private final int code;

        Status(int code) {
            this.code = code;
        }

        @Override
        public int code() {
            return code;
        }
    }

    /** The highest index a Range may name (MS-ASCMD 2.2.3.143.1: 0 ≤ m ≤ n ≤ 999). */
    public static final int MAX_RANGE_INDEX = 999;

    /** gal:Picture Status when the entry has no picture (MS-ASCMD 2.2.3.177.2 refers to the Search values). */
    private static final int NO_PICTURE = 173;

    /** SearchId: a GUID in its text form (MS-ASCMD 2.2.3.160, 6.7 FindRequest.xsd). */
    private static final Pattern SEARCH_ID =
            Pattern.compile("[a-fA-F0-9]{8}-[a-fA-F0-9]{4}-[a-fA-F0-9]{4}-[a-fA-F0-9]{4}-[a-fA-F0-9]{12}");

    /** Range: m-n with one to three digits each (6.6 Find.xsd). */
    private static final Pattern RANGE = Pattern.compile("([0-9]{1,3})-([0-9]{1,3})");

    public sealed interface Request {
        Range range();
    }

    /**
     * A mailbox search.
     *
     * @param text the FreeText words, each after a space
     * @param folders the CollectionId named, at most one
     * @param otherClassesOnly whether Class criteria were named and none of them is Email
     */
    public record MailboxFind(String text, List<Long> folders, boolean deep, boolean otherClassesOnly, Range range)
            implements Request {}

    public record GalFind(String text, boolean pictures, Range range) implements Request {}

    /** A Find Range, {@code m-n} with 0 ≤ m ≤ n ≤ 999 (MS-ASCMD 2.2.3.143.1). */
    public record Range(int first, int last) {

        public int size() {
            return last - first + 1;
        }

        /** The range, or empty when the text is no Range or names an index above 999. */
        static Optional<Range> parse(String text) {
            Matcher matcher = RANGE.matcher(text);
            if (!matcher.matches()) {
                return Optional.empty();
            }
            int first = Integer.parseInt(matcher.group(1));
            int last = Integer.parseInt(matcher.group(2));
            return first <= last && last <= MAX_RANGE_INDEX ? Optional.of(new Range(first, last)) : Optional.empty();
        }
    }

    public sealed interface Response {}

    /** Only the Find Status. */
    public record Refused(Status status) implements Response {}

    /** The messages found, from {@code offset} of {@code total}. */
    public record MailboxFound(List<FoundMessage> messages, int offset, long total) implements Response {}

    /**
     * @param serverId the message's ServerId
     * @param dateReceived its DateReceived as MS-ASDTYPE dateTime
     * @param draft whether it lies in the Drafts folder
     */
    public record FoundMessage(MessageView message, String serverId, String dateReceived, boolean draft) {}

    /** The directory entries found, from {@code offset} of {@code total}. */
    public record GalFound(List<DirectoryEntry> entries, boolean pictures, int offset, long total)
            implements Response {}

    private static final CodePage F = CodePage.FIND;
    private static final CodePage A = CodePage.AIRSYNC;
    private static final CodePage EMAIL = CodePage.EMAIL;
    private static final CodePage EMAIL2 = CodePage.EMAIL2;
    private static final CodePage GAL = CodePage.GAL;
    private static final CodePage ITEMS = CodePage.ITEM_OPERATIONS;

    private final Range defaultRange;

    /** @param defaultRange the Range when the request names none */
    public FindMessage(Range defaultRange) {
        this.defaultRange = defaultRange;
    }

    /**
     * The request; anything Find does not define (6.6 Find.xsd), a CollectionId that is no folder id or more than
     * one, is Status 2.
     */
    @Override
    public Request read(WbxmlElement document) throws MalformedRequest {
        if (document.page() != F
                || !document.name().equals("Find")
                || !document.text(F, "SearchId")
                        .map(id -> SEARCH_ID.matcher(id).matches())
                        .orElse(false)) {
            throw invalid();
        }
        Optional<WbxmlElement> search = document.child(F, "ExecuteSearch");
        Optional<WbxmlElement> mailbox = search.flatMap(s -> s.child(F, "MailBoxSearchCriterion"));
        Optional<WbxmlElement> gal = search.flatMap(s -> s.child(F, "GalSearchCriterion"));
        if (mailbox.isPresent() == gal.isPresent()) {
            throw invalid();
        }
        WbxmlElement criterion = mailbox.orElseGet(gal::get);
        Optional<WbxmlElement> options = criterion.child(F, "Options");
        Optional<Range> range =
                options.flatMap(o -> o.text(F, "Range")).map(Range::parse).orElse(Optional.of(defaultRange));
        Optional<WbxmlElement> query = criterion.child(F, "Query");
        if (range.isEmpty() || query.isEmpty()) {
            throw invalid();
        }
        if (gal.isPresent()) {
            return new GalFind(
                    galText(query.get()),
                    options.flatMap(o -> o.child(F, "Picture")).isPresent(),
                    range.get());
        }
        StringBuilder text = new StringBuilder();
        List<Long> folders = new ArrayList<>();
        boolean classes = false;
        boolean email = false;
        for (WbxmlElement term : query.get().children()) {
            switch (term.qualifiedName()) {
                case "Find:FreeText" -> text.append(' ').append(term.text().orElse(""));
                case "AirSync:Class" -> {
                    classes = true;
                    email |= term.text().map("Email"::equalsIgnoreCase).orElse(false);
                }
                case "AirSync:CollectionId" ->
                    folders.add(term.text().flatMap(WireNumbers::unsigned).orElseThrow(FindMessage::invalid));
                default -> throw invalid();
            }
        }
        if (folders.size() > 1) {
            throw invalid();
        }
        return new MailboxFind(
                text.toString(),
                folders,
                options.flatMap(o -> o.child(F, "DeepTraversal")).isPresent(),
                classes && !email,
                range.get());
    }

    private static String galText(WbxmlElement query) throws MalformedRequest {
        StringBuilder text = new StringBuilder();
        for (WbxmlElement term : query.children()) {
            if (!term.qualifiedName().equals("Find:FreeText")) {
                throw invalid();
            }
            text.append(' ').append(term.text().orElse(""));
        }
        return text.toString().strip();
    }

    private static MalformedRequest invalid() {
        return new MalformedRequest(Status.INVALID_REQUEST);
    }

    @Override
    public WbxmlElement write(Response response) {
        return switch (response) {
            case Refused(Status status) -> refused(status.code());
            case MailboxFound(List<FoundMessage> messages, int offset, long total) -> {
                WbxmlElement answer = answer("Mailbox");
                for (FoundMessage found : messages) {
                    answer.add(WbxmlElement.of(F, "Result")
                            .add(A, "Class", "Email")
                            .add(A, "ServerId", found.serverId())
                            .add(
                                    A,
                                    "CollectionId",
                                    Long.toString(found.message().folderId()))
                            .add(properties(found)));
                }
                yield found(page(answer, offset, messages.size(), total));
            }
            case GalFound(List<DirectoryEntry> entries, boolean pictures, int offset, long total) -> {
                WbxmlElement answer = answer("GAL");
                for (DirectoryEntry entry : entries) {
                    WbxmlElement properties = GalProperties.addTo(WbxmlElement.of(F, "Properties"), entry);
                    if (pictures) {
                        properties.add(
                                WbxmlElement.of(GAL, "Picture").add(GAL, "Status", Integer.toString(NO_PICTURE)));
                    }
                    answer.add(WbxmlElement.of(F, "Result").add(properties));
                }
                yield found(page(answer, offset, entries.size(), total));
            }
        };
    }

    /** The properties of one message (MS-ASCMD 2.2.3.139.1). */
    private static WbxmlElement properties(FoundMessage found) {
        MessageView message = found.message();
        WbxmlElement properties = WbxmlElement.of(F, "Properties")
                .add(EMAIL, "Subject", message.subject() == null ? "" : message.subject())
                .add(EMAIL, "DateReceived", found.dateReceived())
                .add(EMAIL, "DisplayTo", message.displayTo());
        if (!message.cc().isEmpty()) {
            properties.add("DisplayCc", message.cc());
        }
        properties
                .add(EMAIL, "Importance", Integer.toString(message.importance().code()))
                .add(EMAIL, "Read", message.read() ? "1" : "0")
                .add(EMAIL2, "IsDraft", found.draft() ? "1" : "0")
                .add("Preview", message.preview())
                .add("HasAttachments", message.attachments().isEmpty() ? "0" : "1");
        if (message.from() != null) {
            properties.add(EMAIL, "From", message.from());
        }
        return properties;
    }

    /** The Response element opened with the store searched and its Status (6.8 FindResponse.xsd). */
    private static WbxmlElement answer(String store) {
        return WbxmlElement.of(F, "Response")
                .add(ITEMS, "Store", store)
                .add("Status", Integer.toString(Status.SUCCESS.code()));
    }

    private static WbxmlElement page(WbxmlElement response, int offset, int returned, long total) {
        if (returned > 0) {
            response.add("Range", offset + "-" + (offset + returned - 1));
        }
        return response.add("Total", Long.toString(total));
    }

    private WbxmlElement found(WbxmlElement response) {
        return refused(Status.SUCCESS.code()).add(response);
    }

    @Override
    public WbxmlElement refused(int status) {
        return WbxmlElement.of(F, "Find").add("Status", Integer.toString(status));
    }
}
