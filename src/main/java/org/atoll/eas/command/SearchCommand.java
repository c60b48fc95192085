package org.atoll.eas.command;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.atoll.account.Directory;
import org.atoll.account.DirectoryEntry;
import org.atoll.account.DirectoryPage;
import org.atoll.account.InvalidAccountData;
import org.atoll.device.DeviceView;
import org.atoll.eas.request.EasCommand;
import org.atoll.eas.request.EasProtocolVersion;
import org.atoll.mailbox.MailboxException;
import org.atoll.mailbox.MessageQuery;
import org.atoll.mailbox.MessageSearch;
import org.atoll.mailbox.MessageView;
import org.atoll.mailbox.SearchResults;
import org.atoll.sync.BodyPreference;
import org.atoll.sync.ItemId;
import org.atoll.wbxml.CodePage;
import org.atoll.wbxml.WbxmlElement;
import org.springframework.stereotype.Component;

/**
 * Search (MS-ASCMD 2.2.1.16) of the global address list ({@code Store/Name} GAL: a {@code Query} text and an optional
 * {@code Range}, answered with the matching accounts' names, addresses and the directory details set; {@link
 * Directory}, {@link GalProperties}) and of the caller's mailbox ({@code Store/Name} Mailbox: an {@code And} of
 * FreeText, Class, CollectionId, ConversationId and GreaterThan/LessThan on DateReceived, with Range, DeepTraversal,
 * RebuildResults and BodyPreference; {@link MessageSearch}). A mailbox result names its message by a LongId that
 * ItemOperations fetches. Other stores get the Store Status of an invalid request.
 */
@Component
class SearchCommand implements EasCommandHandler {

    /** Search Status values, as a child of Search and of Store (MS-ASCMD 2.2.3.177.13). */
    enum Status {
        SUCCESS(1),
        INVALID_REQUEST(2),
        SERVER_ERROR(3),
        TOO_COMPLEX(8);

        final int code;

        Status(int code) {
            this.code = code;
        }
    }

    /** gal:Picture Status when the entry has no picture (MS-ASCMD 2.2.3.177.13). */
    private static final int NO_PICTURE = 173;

    private static final CodePage S = CodePage.SEARCH;
    private static final CodePage GAL = CodePage.GAL;

    private static final CodePage A = CodePage.AIRSYNC;
    private static final CodePage BASE = CodePage.AIRSYNCBASE;
    private static final CodePage EMAIL = CodePage.EMAIL;

    private final Directory directory;
    private final MessageSearch messageSearch;
    private final EmailItems emailItems;

    SearchCommand(Directory directory, MessageSearch messageSearch, EmailItems emailItems) {
        this.directory = directory;
        this.messageSearch = messageSearch;
        this.emailItems = emailItems;
    }

    @Override
    public EasCommand command() {
        return EasCommand.SEARCH;
    }

    @Override
    public WbxmlElement refused(int status) {
        return WbxmlElement.of(S, "Search").add("Status", Integer.toString(status));
    }

    @Override
    public WbxmlElement handle(long accountId, DeviceView device, WbxmlElement request) {
        Optional<WbxmlElement> store =
                request.page() == S && request.name().equals("Search") ? request.child(S, "Store") : Optional.empty();
        if (store.isEmpty()) {
            return refused(Status.INVALID_REQUEST.code);
        }
        boolean mailbox =
                store.get().text(S, "Name").map("Mailbox"::equalsIgnoreCase).orElse(false);
        WbxmlElement answer = mailbox ? mailbox(accountId, device, store.get()) : store(store.get());
        return refused(Status.SUCCESS.code).add(WbxmlElement.of(S, "Response").add(answer));
    }

    private WbxmlElement mailbox(long accountId, DeviceView device, WbxmlElement store) {
        Optional<WbxmlElement> options = store.child(S, "Options");
        Optional<SearchRange> range = options.flatMap(o -> o.text(S, "Range"))
                .map(SearchRange::parse)
                .orElse(Optional.of(SearchRange.DEFAULT));
        Optional<WbxmlElement> query = store.child(S, "Query");
        if (query.isEmpty() || range.isEmpty()) {
            return storeStatus(Status.INVALID_REQUEST);
        }
        MailboxQuery criteria;
        List<BodyPreference> preferences;
        try {
            criteria = MailboxQuery.read(
                    query.get(),
                    options.flatMap(o -> o.child(S, "DeepTraversal")).isPresent());
            preferences = options.map(BodyOptions::preferences).orElse(List.of());
        } catch (MailboxQuery.TooComplex e) {
            return storeStatus(Status.TOO_COMPLEX);
        } catch (IllegalArgumentException e) {
            return storeStatus(Status.INVALID_REQUEST);
        }
        if (!criteria.email()) {
            return storeStatus(Status.SUCCESS).add(WbxmlElement.of(S, "Result")).add("Total", "0");
        }
        SearchResults results;
        try {
            results = messageSearch.search(
                    accountId,
                    criteria.query(),
                    range.get().first(),
                    range.get().size());
        } catch (MailboxException e) {
            return storeStatus(Status.INVALID_REQUEST);
        }
        boolean v14 = EasCommandHandler.protocolVersion(device).atLeast(EasProtocolVersion.V14_0);
        Map<Long, byte[]> raw = emailItems.rawMimes(
                accountId, results.messages().stream().map(MessageView::id).toList());
        WbxmlElement answer = storeStatus(Status.SUCCESS);
        for (MessageView message : results.messages()) {
            WbxmlElement properties = WbxmlElement.of(S, "Properties");
            emailItems
                    .applicationData(accountId, message, raw.get(message.id()), preferences, 0, v14)
                    .children()
                    .forEach(properties::add);
            answer.add(WbxmlElement.of(S, "Result")
                    .add(A, "Class", "Email")
                    .add(S, "LongId", new ItemId(message.folderId(), message.id()).text())
                    .add(A, "CollectionId", Long.toString(message.folderId()))
                    .add(properties));
        }
        if (results.messages().isEmpty()) {
            answer.add(WbxmlElement.of(S, "Result"));
        } else {
            answer.add(
                    "Range",
                    results.offset() + "-"
                            + (results.offset() + results.messages().size() - 1));
        }
        return answer.add("Total", Long.toString(results.total()));
    }

    /**
     * A mailbox Query (MS-ASCMD 2.2.3.134.2): one And, whose children (nested Ands flattened) must all hold. Or and
     * EqualTo are not offered: a query holding them is too complex (Store Status 8).
     *
     * @param email false when the Class criteria name only classes other than Email, which this store does not hold
     */
    record MailboxQuery(MessageQuery query, boolean email) {

        /** A query with Or or EqualTo. */
        static final class TooComplex extends Exception {
            TooComplex() {
                super(null, null, false, false);
            }
        }

        static MailboxQuery read(WbxmlElement query, boolean deep) throws TooComplex {
            List<WbxmlElement> terms = new ArrayList<>();
            flatten(query, terms);
            StringBuilder text = new StringBuilder();
            Set<Long> folders = new LinkedHashSet<>();
            Instant after = null;
            Instant before = null;
            Long thread = null;
            boolean classes = false;
            boolean email = false;
            for (WbxmlElement term : terms) {
                switch (term.qualifiedName()) {
                    case "Search:FreeText" ->
                        text.append(' ').append(term.text().orElse(""));
                    case "AirSync:Class" -> {
                        classes = true;
                        email |= term.text().map("Email"::equalsIgnoreCase).orElse(false);
                    }
                    case "AirSync:CollectionId" ->
                        folders.add(term.text()
                                .flatMap(WireNumbers::unsigned)
                                .orElseThrow(() -> new IllegalArgumentException("CollectionId")));
                    case "Search:ConversationId" -> thread = conversation(term);
                    case "Search:GreaterThan" -> after = date(term);
                    case "Search:LessThan" -> before = date(term);
                    case "Search:Or", "Search:EqualTo" -> throw new TooComplex();
                    default -> throw new IllegalArgumentException(term.qualifiedName());
                }
            }
            return new MailboxQuery(
                    new MessageQuery(text.toString(), folders, deep, after, before, thread), email || !classes);
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
        private static long conversation(WbxmlElement term) {
            byte[] bytes = term.opaque().orElseGet(() -> {
                try {
                    return Base64.getDecoder().decode(term.text().orElse(""));
                } catch (IllegalArgumentException e) {
                    return new byte[0];
                }
            });
            return EmailItems.threadOf(bytes).orElse(-1L);
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
    }

    private WbxmlElement store(WbxmlElement store) {
        boolean gal = store.text(S, "Name").map("GAL"::equalsIgnoreCase).orElse(false);
        Optional<String> query = store.text(S, "Query");
        Optional<WbxmlElement> options = store.child(S, "Options");
        Optional<SearchRange> range = options.flatMap(o -> o.text(S, "Range"))
                .map(SearchRange::parse)
                .orElse(Optional.of(SearchRange.DEFAULT));
        if (!gal || query.isEmpty() || range.isEmpty()) {
            return storeStatus(Status.INVALID_REQUEST);
        }
        DirectoryPage page;
        try {
            page = directory.search(
                    query.get(), range.get().first(), range.get().size());
        } catch (InvalidAccountData e) {
            return storeStatus(Status.INVALID_REQUEST);
        }
        boolean pictures = options.flatMap(o -> o.child(S, "Picture")).isPresent();
        WbxmlElement answer = storeStatus(Status.SUCCESS);
        for (DirectoryEntry entry : page.entries()) {
            WbxmlElement properties = GalProperties.addTo(WbxmlElement.of(S, "Properties"), entry);
            if (pictures) {
                properties.add(WbxmlElement.of(GAL, "Picture").add(GAL, "Status", Integer.toString(NO_PICTURE)));
            }
            answer.add(WbxmlElement.of(S, "Result").add(properties));
        }
        if (!page.entries().isEmpty()) {
            answer.add(
                    "Range",
                    page.offset() + "-" + (page.offset() + page.entries().size() - 1));
        }
        return answer.add("Total", Long.toString(page.total()));
    }

    private static WbxmlElement storeStatus(Status status) {
        return WbxmlElement.of(S, "Store").add("Status", Integer.toString(status.code));
    }

    /**
     * A Range such as {@code 0-99}: the first and last position wanted, both counted from zero (MS-ASCMD 2.2.3.143.3).
     */
    record SearchRange(int first, int last) {

        static final SearchRange DEFAULT = new SearchRange(0, Directory.MAX_RESULTS - 1);

        int size() {
            return last - first + 1;
        }

        static Optional<SearchRange> parse(String text) {
            int dash = text.indexOf('-');
            if (dash < 0) {
                return Optional.empty();
            }
            Optional<Long> first = WireNumbers.unsigned(text.substring(0, dash));
            Optional<Long> last = WireNumbers.unsigned(text.substring(dash + 1));
            if (first.isEmpty() || last.isEmpty() || last.get() < first.get() || last.get() > Integer.MAX_VALUE - 1) {
                return Optional.empty();
            }
            return Optional.of(
                    new SearchRange(first.get().intValue(), last.get().intValue()));
        }
    }
}
