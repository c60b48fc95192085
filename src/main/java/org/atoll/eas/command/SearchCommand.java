package org.atoll.eas.command;

import java.util.List;
import java.util.Map;
import org.atoll.account.Directory;
import org.atoll.account.DirectoryPage;
import org.atoll.account.InvalidAccountData;
import org.atoll.device.DeviceView;
import org.atoll.eas.message.BodyOptions;
import org.atoll.eas.message.SearchMessage;
import org.atoll.eas.message.SearchMessage.GalStore;
import org.atoll.eas.message.SearchMessage.MailboxCriteria;
import org.atoll.eas.message.SearchMessage.MailboxResult;
import org.atoll.eas.message.SearchMessage.MailboxStore;
import org.atoll.eas.message.SearchMessage.Request;
import org.atoll.eas.message.SearchMessage.Response;
import org.atoll.eas.message.SearchMessage.Status;
import org.atoll.eas.message.SearchMessage.StoreAnswer;
import org.atoll.eas.message.SearchMessage.StoreStatus;
import org.atoll.eas.request.EasCommand;
import org.atoll.eas.request.EasProtocolVersion;
import org.atoll.mailbox.MailboxException;
import org.atoll.mailbox.MessageQuery;
import org.atoll.mailbox.MessageSearch;
import org.atoll.mailbox.MessageView;
import org.atoll.mailbox.SearchResults;
import org.atoll.sync.ItemId;
import org.springframework.stereotype.Component;

/**
 * Search (MS-ASCMD 2.2.1.16) of the global address list ({@link Directory}, answered with the matching accounts'
 * names, addresses and the directory details set) and of the caller's mailbox ({@link MessageSearch}). A mailbox
 * result names its message by a LongId that ItemOperations fetches. Other stores get the Store Status of an invalid
 * request; Or and EqualTo in a mailbox query are not offered (Store Status 8).
 */
@Component
class SearchCommand implements MessageCommand<Request, Response> {

    private static final SearchMessage MESSAGE = new SearchMessage(BodyOptions::preferences);

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
    public SearchMessage message() {
        return MESSAGE;
    }

    @Override
    public Response serve(long accountId, DeviceView device, Request request) {
        return new Response(
                switch (request.store()) {
                    case MailboxStore mailbox -> mailbox(accountId, device, mailbox);
                    case GalStore gal -> gal(gal);
                    case SearchMessage.Refused(Status status) -> new StoreStatus(status);
                });
    }

    private StoreAnswer mailbox(long accountId, DeviceView device, MailboxStore store) {
        MailboxCriteria criteria = store.criteria();
        if (!criteria.email()) {
            return new SearchMessage.MailboxResults(List.of(), 0, 0);
        }
        Long thread = criteria.conversation() == null
                ? null
                : EmailItems.threadOf(criteria.conversation()).orElse(-1L);
        SearchResults results;
        try {
            results = messageSearch.search(
                    accountId,
                    new MessageQuery(
                            criteria.text(),
                            criteria.folders(),
                            criteria.deep(),
                            criteria.after(),
                            criteria.before(),
                            thread),
                    store.range().first(),
                    store.range().size());
        } catch (MailboxException e) {
            return new StoreStatus(Status.INVALID_REQUEST);
        }
        EasProtocolVersion version = EasCommandHandler.protocolVersion(device);
        Map<Long, byte[]> raw = emailItems.rawMimes(
                accountId, results.messages().stream().map(MessageView::id).toList());
        List<MailboxResult> found = results.messages().stream()
                .map(message -> new MailboxResult(
                        new ItemId(message.folderId(), message.id()).text(),
                        message.folderId(),
                        emailItems
                                .applicationData(
                                        accountId, message, raw.get(message.id()), store.preferences(), 0, version)
                                .children()))
                .toList();
        return new SearchMessage.MailboxResults(found, results.offset(), results.total());
    }

    private StoreAnswer gal(GalStore store) {
        DirectoryPage page;
        try {
            page = directory.search(
                    store.query(), store.range().first(), store.range().size());
        } catch (InvalidAccountData e) {
            return new StoreStatus(Status.INVALID_REQUEST);
        }
        return new SearchMessage.GalResults(page.entries(), store.pictures(), page.offset(), page.total());
    }
}
