package org.atoll.eas.message;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.atoll.account.Directory;
import org.atoll.account.DirectoryEntry;
import org.atoll.sync.BodyPreference;
import org.atoll.wbxml.CodePage;
import org.atoll.wbxml.WbxmlElement;
import org.jspecify.annotations.Nullable;

/**
 * Search (MS-ASCMD 2.2.1.16) of the global address list ({@code Store/Name} GAL: a {@code Query} text and an
 * optional {@code Range}) and of the mailbox ({@code Store/Name} Mailbox: an {@code And} of FreeText, Class,
 * CollectionId, ConversationId and GreaterThan/LessThan on DateReceived, with Range, DeepTraversal, RebuildResults
 * and BodyPreference). The response holds the Store's Status, its results, their Range and the Total.
 */
public final class SearchMessage implements EasMessage<SearchMessage.Request, SearchMessage.Response> {

    /** Search Status values, as a child of Search and of Store (MS-ASCMD 2.2.3.177.13). */
    public enum Status implements WireStatus {
        SUCCESS(1),
        INVALID_REQUEST(2),
        SERVER_ERROR(3),
        TOO_COMPLEX(8);

        private final int code;

        Status(int code) {
            this.code = code;
        }

        @Override
        public int code() {
            return code;
        }
    }

    public record Request(Store store) {}

    /** The Store searched, or the Status a Store that cannot be searched gets. */
    public sealed interface Store {}

    public record MailboxStore(MailboxCriteria criteria, Range range, List<BodyPreference> preferences)
            implements Store {}

    public record GalStore(String query, Range range, boolean pictures) implements Store {}

    /** A Store of another name, or one whose query or options break the rules. */
    public record Refused(Status status) implements Store {}

    /**
     * A mailbox Query (MS-ASCMD 2.2.3.134.2): one And, whose children (nested Ands flattened) must all hold.
     *
     * @param conversation a ConversationId's bytes as Sync hands them out, null when none was named
     * @param email false when the Class criteria name only classes other than Email
     */
    public record MailboxCriteria(
            String text,
            Set<Long> folders,
            boolean deep,
            @Nullable Instant after,
            @Nullable Instant before,
            byte @Nullable [] conversation,
            boolean email) {}

    /**
     * A Range such as {@code 0-99}: the first and last position wanted, both counted from zero (MS-ASCMD 2.2.3.143.3).
     */
    public record Range(int first, int last) {

        static final Range DEFAULT = new Range(0, Directory.MAX_RESULTS - 1);

        public int size() {
            return last - first + 1;
        }

        static Optional<Range> parse(String text) {
            int dash = text.indexOf('-');
            if (dash < 0) {
                return Optional.empty();
            }
            Optional<Long> first = WireNumbers.unsigned(text.substring(0, dash));
            Optional<Long> last = WireNumbers.unsigned(text.substring(dash + 1));
            if (first.isEmpty() || last.isEmpty() || last.get() < first.get() || last.get() > Integer.MAX_VALUE - 1) {
                return Optional.empty();
            }
            return Optional.of(new Range(first.get().intValue(), last.get().intValue()));
        }
    }

    /** Search Status 1 and the Store's answer. */
    public record Response(StoreAnswer store) {}

    public sealed interface StoreAnswer {}

    /** Only the Store's Status. */
    public record StoreStatus(Status status) implements StoreAnswer {}

    /** The messages found, from {@code offset} of {@code total}. */
    public record MailboxResults(List<MailboxResult> results, int offset, long total) implements StoreAnswer {}

    /**
     * @param longId the LongId that ItemOperations fetches
     * @param properties the message's Email properties, as Sync writes them
     */
    public record MailboxResult(String longId, long collectionId, List<WbxmlElement> properties) {}

    /** The directory entries found, from {@code offset} of {@code total}; each with a Picture Status when asked. */
    public record GalResults(List<DirectoryEntry> entries, boolean pictures, int offset, long total)
            implements StoreAnswer {}

    /** gal:Picture Status when the entry has no picture (MS-ASCMD 2.2.3.177.13). */
    private static final int NO_PICTURE = 173;

    private static final CodePage S = CodePage.SEARCH;
    private static final CodePage GAL = CodePage.GAL;
    private static final CodePage A = CodePage.AIRSYNC;
    private static final CodePage EMAIL = CodePage.EMAIL;

    private final Function<WbxmlElement, List<BodyPreference>> bodyPreferences;

    /**
     * @param bodyPreferences reads the BodyPreference elements of an Options element, throwing
     *     IllegalArgumentException for a value out of range (MS-ASAIRS 2.2.2.7)
     */
    public SearchMessage(Function<WbxmlElement, List<BodyPreference>> bodyPreferences) {
        this.bodyPreferences = bodyPreferences;
    }

    /** A document that is not a Search with a Store gets Search Status 2. */
    @Override
    public Request read(WbxmlElement document) throws MalformedRequest {
        Optional<WbxmlElement> store = document.page() == S && document.name().equals("Search")
                ? document.child(S, "Store")
                : Optional.empty();
        if (store.isEmpty()) {
            throw new MalformedRequest(Status.INVALID_REQUEST);
        }
        boolean mailbox =
                store.get().text(S, "Name").map("Mailbox"::equalsIgnoreCase).orElse(false);
        return new Request(mailbox ? mailbox(store.get()) : gal(store.get()));
    }

    private Store mailbox(WbxmlElement store) {
        Optional<WbxmlElement> options = store.child(S, "Options");
        Optional<Range> range = range(options);
        Optional<WbxmlElement> query = store.child(S, "Query");
        if (query.isEmpty() || range.isEmpty()) {
            return new Refused(Status.INVALID_REQUEST);
        }
        try {
            MailboxCriteria criteria = criteria(
                    query.get(),
                    options.flatMap(o -> o.child(S, "DeepTraversal")).isPresent());
            List<BodyPreference> preferences = options.map(bodyPreferences).orElse(List.of());
            return new MailboxStore(criteria, range.get(), preferences);
        } catch (TooComplex e) {
            return new Refused(Status.TOO_COMPLEX);
        } catch (IllegalArgumentException e) {
            return new Refused(Status.INVALID_REQUEST);
        }
    }

    private static Store gal(WbxmlElement store) {
        boolean gal = store.text(S, "Name").map("GAL"::equalsIgnoreCase).orElse(false);
        Optional<String> query = store.text(S, "Query");
        Optional<WbxmlElement> options = store.child(S, "Options");
        Optional<Range> range = range(options);
        if (!gal || query.isEmpty() || range.isEmpty()) {
            return new Refused(Status.INVALID_REQUEST);
        }
        return new GalStore(
                query.get(),
                range.get(),
                options.flatMap(o -> o.child(S, "Picture")).isPresent());
    }

    private static Optional<Range> range(Optional<WbxmlElement> options) {
        return options.flatMap(o -> o.text(S, "Range")).map(Range::parse).orElse(Optional.of(Range.DEFAULT));
    }

    /** A query with Or or EqualTo, which this server does not offer: Store Status 8. */
    private static final class TooComplex extends Exception {
        TooComplex() {
            super(null, null, false, false);
        }
    }

    private static MailboxCriteria criteria(WbxmlElement query, boolean deep) throws TooComplex {
        List<WbxmlElement> terms = new ArrayList<>();
        flatten(query, terms);
        StringBuilder text = new StringBuilder();
        Set<Long> folders = new LinkedHashSet<>();
        Instant after = null;
        Instant before = null;
        byte[] conversation = null;
        boolean classes = false;
        boolean email = false;
        for (WbxmlElement term : terms) {
            switch (term.qualifiedName()) {
                case "Search:FreeText" -> text.append(' ').append(term.text().orElse(""));
                case "AirSync:Class" -> {
                    classes = true;
                    email |= term.text().map("Email"::equalsIgnoreCase).orElse(false);
                }
                case "AirSync:CollectionId" ->
                    folders.add(term.text()
                            .flatMap(WireNumbers::unsigned)
                            .orElseThrow(() -> new IllegalArgumentException("CollectionId")));
                case "Search:ConversationId" -> conversation = conversation(term);
                case "Search:GreaterThan" -> after = date(term);
                case "Search:LessThan" -> before = date(term);
                case "Search:Or", "Search:EqualTo" -> throw new TooComplex();
                default -> throw new IllegalArgumentException(term.qualifiedName());
            }
        }
        return new MailboxCriteria(text.toString(), folders, deep, after, before, conversation, email || !classes);
    }

    private static void flatten(WbxmlElement element, List<WbxmlElement> terms) {
        for (WbxmlElement child : element.children()) {
            if (child.qualifiedName().equals("Search:And")) {
                flatten(child, terms);
            } else {
                terms.add(child);
            }
        }
    }

    /** A ConversationId as Sync hands it out (opaque bytes), or as its base64 text. */
    private static byte[] conversation(WbxmlElement term) {
        return term.opaque().orElseGet(() -> {
            try {
                return Base64.getDecoder().decode(term.text().orElse(""));
            } catch (IllegalArgumentException e) {
                return new byte[0];
            }
        });
    }

    /** GreaterThan or LessThan: email:DateReceived and a Value (MS-ASDTYPE 2.3 dateTime). */
    private static Instant date(WbxmlElement comparison) {
        if (comparison.child(EMAIL, "DateReceived").isEmpty()) {
            throw new IllegalArgumentException("Only DateReceived is compared");
        }
        try {
            return Instant.parse(comparison.text(S, "Value").orElse(""));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("Value", e);
        }
    }

    @Override
    public WbxmlElement write(Response response) {
        WbxmlElement store =
                storeStatus(response.store() instanceof StoreStatus(Status status) ? status : Status.SUCCESS);
        switch (response.store()) {
            case StoreStatus _ -> {}
            case MailboxResults(List<MailboxResult> results, int offset, long total) -> {
                for (MailboxResult result : results) {
                    WbxmlElement properties = WbxmlElement.of(S, "Properties");
                    result.properties().forEach(properties::add);
                    store.add(WbxmlElement.of(S, "Result")
                            .add(A, "Class", "Email")
                            .add(S, "LongId", result.longId())
                            .add(A, "CollectionId", Long.toString(result.collectionId()))
                            .add(properties));
                }
                if (results.isEmpty()) {
                    store.add(WbxmlElement.of(S, "Result"));
                } else {
                    store.add("Range", offset + "-" + (offset + results.size() - 1));
                }
                store.add("Total", Long.toString(total));
            }
            case GalResults(List<DirectoryEntry> entries, boolean pictures, int offset, long total) -> {
                for (DirectoryEntry entry : entries) {
                    WbxmlElement properties = GalProperties.addTo(WbxmlElement.of(S, "Properties"), entry);
                    if (pictures) {
                        properties.add(
                                WbxmlElement.of(GAL, "Picture").add(GAL, "Status", Integer.toString(NO_PICTURE)));
                    }
                    store.add(WbxmlElement.of(S, "Result").add(properties));
                }
                if (!entries.isEmpty()) {
                    store.add("Range", offset + "-" + (offset + entries.size() - 1));
                }
                store.add("Total", Long.toString(total));
            }
        }
        return refused(Status.SUCCESS.code()).add(WbxmlElement.of(S, "Response").add(store));
    }

    private static WbxmlElement storeStatus(Status status) {
        return WbxmlElement.of(S, "Store").add("Status", Integer.toString(status.code()));
    }

    @Override
    public WbxmlElement refused(int status) {
        return WbxmlElement.of(S, "Search").add("Status", Integer.toString(status));
    }
}
