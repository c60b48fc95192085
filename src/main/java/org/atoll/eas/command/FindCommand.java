package org.atoll.eas.command;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.atoll.account.Directory;
import org.atoll.account.DirectoryEntry;
import org.atoll.account.DirectoryPage;
import org.atoll.account.InvalidAccountData;
import org.atoll.device.DeviceView;
import org.atoll.eas.request.EasCommand;
import org.atoll.eas.request.EasProtocolVersion;
import org.atoll.mailbox.FolderNotFound;
import org.atoll.mailbox.MailboxException;
import org.atoll.mailbox.Mailboxes;
import org.atoll.mailbox.MessageQuery;
import org.atoll.mailbox.MessageSearch;
import org.atoll.mailbox.MessageView;
import org.atoll.mailbox.SearchResults;
import org.atoll.mailbox.SystemFolder;
import org.atoll.sync.ItemId;
import org.atoll.wbxml.CodePage;
import org.atoll.wbxml.WbxmlElement;
import org.springframework.stereotype.Component;

/**
 * Find (MS-ASCMD 2.2.1.2), protocol 16.1 only: a {@code SearchId}, then an {@code ExecuteSearch} holding either a
 * {@code MailBoxSearchCriterion} (a Query of FreeText words, airsync:Class and at most one airsync:CollectionId, with
 * Options Range and DeepTraversal; {@link MessageSearch}) or a {@code GALSearchCriterion} (a Query of FreeText over
 * the directory, with Options Range and Picture; {@link Directory}). Results carry the properties of MS-ASCMD
 * 2.2.3.139.1: for a message its subject, date, recipients, importance, read and draft state, preview, whether it has
 * attachments and its sender; for a directory entry its name, address, alias and the directory details set
 * ({@link GalProperties}).
 *
 * <p>Each request is answered on its own: nothing is kept between requests under a SearchId, so a Range that does
 * not start at 0 is served as the next page of the same query rather than refused with Status 4.
 */
@Component
class FindCommand implements EasCommandHandler {

    /** Find Status, as a child of Find and of Response (MS-ASCMD 2.2.3.177.2). */
    enum Status {
        SUCCESS(1),
        INVALID_REQUEST(2),
        FOLDER_SYNC_REQUIRED(3);

        final int code;

        Status(int code) {
            this.code = code;
        }
    }

    /** The highest index a Range may name (MS-ASCMD 2.2.3.143.1: 0 ≤ m ≤ n ≤ 999). */
    static final int MAX_RANGE_INDEX = 999;

    /** The Range when the request names none: the default of a mailbox search (MS-ASCMD 2.2.3.143.1). */
    static final Range DEFAULT_RANGE = new Range(0, MessageSearch.MAX_RESULTS - 1);

    /** gal:Picture Status when the entry has no picture (MS-ASCMD 2.2.3.177.2 refers to the Search values). */
    private static final int NO_PICTURE = 173;

    /** SearchId: a GUID in its text form (MS-ASCMD 2.2.3.160, 6.7 FindRequest.xsd). */
    private static final Pattern SEARCH_ID =
            Pattern.compile("[a-fA-F0-9]{8}-[a-fA-F0-9]{4}-[a-fA-F0-9]{4}-[a-fA-F0-9]{4}-[a-fA-F0-9]{12}");

    /** Range: m-n with one to three digits each (6.6 Find.xsd). */
    private static final Pattern RANGE = Pattern.compile("([0-9]{1,3})-([0-9]{1,3})");

    private static final CodePage F = CodePage.FIND;
    private static final CodePage A = CodePage.AIRSYNC;
    private static final CodePage EMAIL = CodePage.EMAIL;
    private static final CodePage EMAIL2 = CodePage.EMAIL2;
    private static final CodePage GAL = CodePage.GAL;
    private static final CodePage ITEMS = CodePage.ITEM_OPERATIONS;

    private final Directory directory;
    private final MessageSearch messageSearch;
    private final Mailboxes mailboxes;

    FindCommand(Directory directory, MessageSearch messageSearch, Mailboxes mailboxes) {
        this.directory = directory;
        this.messageSearch = messageSearch;
        this.mailboxes = mailboxes;
    }

    @Override
    public EasCommand command() {
        return EasCommand.FIND;
    }

    /** Find exists at 16.1 only (MS-ASCMD 2.2.1.2); an older request is answered as a command not served. */
    @Override
    public boolean servedAt(EasProtocolVersion version) {
        return version.atLeast(EasProtocolVersion.V16_1);
    }

    @Override
    public WbxmlElement refused(int status) {
        return WbxmlElement.of(F, "Find").add("Status", Integer.toString(status));
    }

    @Override
    public WbxmlElement handle(long accountId, DeviceView device, WbxmlElement request) {
        if (request.page() != F
                || !request.name().equals("Find")
                || !request.text(F, "SearchId")
                        .map(id -> SEARCH_ID.matcher(id).matches())
                        .orElse(false)) {
            return refused(Status.INVALID_REQUEST.code);
        }
        Optional<WbxmlElement> search = request.child(F, "ExecuteSearch");
        Optional<WbxmlElement> mailbox = search.flatMap(s -> s.child(F, "MailBoxSearchCriterion"));
        Optional<WbxmlElement> gal = search.flatMap(s -> s.child(F, "GalSearchCriterion"));
        if (mailbox.isPresent() == gal.isPresent()) {
            return refused(Status.INVALID_REQUEST.code);
        }
        WbxmlElement criterion = mailbox.orElseGet(gal::get);
        Optional<WbxmlElement> options = criterion.child(F, "Options");
        Optional<Range> range =
                options.flatMap(o -> o.text(F, "Range")).map(Range::parse).orElse(Optional.of(DEFAULT_RANGE));
        Optional<WbxmlElement> query = criterion.child(F, "Query");
        if (range.isEmpty() || query.isEmpty()) {
            return refused(Status.INVALID_REQUEST.code);
        }
        try {
            return mailbox.isPresent()
                    ? mailbox(accountId, query.get(), options, range.get())
                    : gal(query.get(), options, range.get());
        } catch (FolderNotFound e) {
            return refused(Status.FOLDER_SYNC_REQUIRED.code);
        } catch (MailboxException | InvalidAccountData | MalformedQuery e) {
            return refused(Status.INVALID_REQUEST.code);
        }
    }

    private WbxmlElement mailbox(long accountId, WbxmlElement query, Optional<WbxmlElement> options, Range range)
            throws MalformedQuery {
        StringBuilder text = new StringBuilder();
        List<Long> folders = new ArrayList<>();
        boolean classes = false;
        boolean email = false;
        for (WbxmlElement term : query.children()) {
            switch (term.qualifiedName()) {
                case "Find:FreeText" -> text.append(' ').append(term.text().orElse(""));
                case "AirSync:Class" -> {
                    classes = true;
                    email |= term.text().map("Email"::equalsIgnoreCase).orElse(false);
                }
                case "AirSync:CollectionId" ->
                    folders.add(term.text().flatMap(WireNumbers::unsigned).orElseThrow(MalformedQuery::new));
                default -> throw new MalformedQuery();
            }
        }
        if (folders.size() > 1) {
            throw new MalformedQuery();
        }
        WbxmlElement response = response("Mailbox");
        if (classes && !email) {
            return answer(response.add("Total", "0"));
        }
        boolean deep = options.flatMap(o -> o.child(F, "DeepTraversal")).isPresent();
        SearchResults results = messageSearch.search(
                accountId,
                new MessageQuery(text.toString(), Set.copyOf(folders), deep, null, null, null),
                range.first(),
                range.size());
        long drafts = mailboxes.systemFolder(accountId, SystemFolder.DRAFTS).id();
        for (MessageView message : results.messages()) {
            response.add(WbxmlElement.of(F, "Result")
                    .add(A, "Class", "Email")
                    .add(A, "ServerId", new ItemId(message.folderId(), message.id()).text())
                    .add(A, "CollectionId", Long.toString(message.folderId()))
                    .add(properties(message, message.folderId() == drafts)));
        }
        return answer(page(response, results.offset(), results.messages().size(), results.total()));
    }

    /** The properties of one message (MS-ASCMD 2.2.3.139.1). */
    private static WbxmlElement properties(MessageView message, boolean draft) {
        WbxmlElement properties = WbxmlElement.of(F, "Properties")
                .add(EMAIL, "Subject", message.subject() == null ? "" : message.subject())
                .add(EMAIL, "DateReceived", EmailItems.dateTime(message.receivedAt()))
                .add(EMAIL, "DisplayTo", message.displayTo());
        if (!message.cc().isEmpty()) {
            properties.add("DisplayCc", message.cc());
        }
        properties
                .add(EMAIL, "Importance", Integer.toString(message.importance().code()))
                .add(EMAIL, "Read", message.read() ? "1" : "0")
                .add(EMAIL2, "IsDraft", draft ? "1" : "0")
                .add("Preview", message.preview())
                .add("HasAttachments", message.attachments().isEmpty() ? "0" : "1");
        if (message.from() != null) {
            properties.add(EMAIL, "From", message.from());
        }
        return properties;
    }

    private WbxmlElement gal(WbxmlElement query, Optional<WbxmlElement> options, Range range) throws MalformedQuery {
        StringBuilder text = new StringBuilder();
        for (WbxmlElement term : query.children()) {
            if (!term.qualifiedName().equals("Find:FreeText")) {
                throw new MalformedQuery();
            }
            text.append(' ').append(term.text().orElse(""));
        }
        DirectoryPage page = directory.search(text.toString().strip(), range.first(), range.size());
        boolean pictures = options.flatMap(o -> o.child(F, "Picture")).isPresent();
        WbxmlElement response = response("GAL");
        for (DirectoryEntry entry : page.entries()) {
            WbxmlElement properties = GalProperties.addTo(WbxmlElement.of(F, "Properties"), entry);
            if (pictures) {
                properties.add(WbxmlElement.of(GAL, "Picture").add(GAL, "Status", Integer.toString(NO_PICTURE)));
            }
            response.add(WbxmlElement.of(F, "Result").add(properties));
        }
        return answer(page(response, page.offset(), page.entries().size(), page.total()));
    }

    /** The Response element opened with the store searched and its Status (6.8 FindResponse.xsd). */
    private static WbxmlElement response(String store) {
        return WbxmlElement.of(F, "Response")
                .add(ITEMS, "Store", store)
                .add("Status", Integer.toString(Status.SUCCESS.code));
    }

    private static WbxmlElement page(WbxmlElement response, int offset, int returned, long total) {
        if (returned > 0) {
            response.add("Range", offset + "-" + (offset + returned - 1));
        }
        return response.add("Total", Long.toString(total));
    }

    private WbxmlElement answer(WbxmlElement response) {
        return refused(Status.SUCCESS.code).add(response);
    }

    /**
     * A Query holding an element Find does not define there, a CollectionId that is no folder id, or more than one
     * CollectionId (6.6 Find.xsd).
     */
    static final class MalformedQuery extends Exception {
        MalformedQuery() {
            super(null, null, false, false);
        }
    }

    /** A Find Range, {@code m-n} with 0 ≤ m ≤ n ≤ 999 (MS-ASCMD 2.2.3.143.1). */
    record Range(int first, int last) {

        int size() {
            return last - first + 1;
        }

        /** The range, or empty when the text is no Range or names an index above 999. */
        static Optional<Range> parse(String text) {
            var matcher = RANGE.matcher(text);
            if (!matcher.matches()) {
                return Optional.empty();
            }
            int first = Integer.parseInt(matcher.group(1));
            int last = Integer.parseInt(matcher.group(2));
            return first <= last && last <= MAX_RANGE_INDEX ? Optional.of(new Range(first, last)) : Optional.empty();
        }
    }
}
