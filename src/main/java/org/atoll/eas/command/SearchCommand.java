package org.atoll.eas.command;

import java.util.Optional;
import org.atoll.account.Directory;
import org.atoll.account.DirectoryEntry;
import org.atoll.account.DirectoryPage;
import org.atoll.account.InvalidAccountData;
import org.atoll.device.DeviceView;
import org.atoll.eas.request.EasCommand;
import org.atoll.wbxml.CodePage;
import org.atoll.wbxml.WbxmlElement;
import org.springframework.stereotype.Component;

/**
 * Search (MS-ASCMD 2.2.1.16) of the global address list: {@code Store/Name} GAL with a {@code Query} and an optional
 * {@code Range}, answered with the matching accounts' names and addresses ({@link Directory}). Other stores are not
 * searched yet and get the Store Status of an invalid request.
 */
@Component
class SearchCommand implements EasCommandHandler {

    /** Search Status values, as a child of Search and of Store (MS-ASCMD 2.2.3.177.13). */
    enum Status {
        SUCCESS(1),
        INVALID_REQUEST(2),
        SERVER_ERROR(3);

        final int code;

        Status(int code) {
            this.code = code;
        }
    }

    /** gal:Picture Status when the entry has no picture (MS-ASCMD 2.2.3.177.13). */
    private static final int NO_PICTURE = 173;

    private static final CodePage S = CodePage.SEARCH;
    private static final CodePage GAL = CodePage.GAL;

    private final Directory directory;

    SearchCommand(Directory directory) {
        this.directory = directory;
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
        return refused(Status.SUCCESS.code).add(WbxmlElement.of(S, "Response").add(store(store.get())));
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
            WbxmlElement properties = WbxmlElement.of(S, "Properties")
                    .add(GAL, "DisplayName", entry.displayName())
                    .add(GAL, "EmailAddress", entry.address())
                    .add(GAL, "Alias", entry.alias());
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
