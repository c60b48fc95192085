package org.atoll.eas.command;

import java.util.List;
import java.util.Set;
import org.atoll.account.Directory;
import org.atoll.account.DirectoryPage;
import org.atoll.account.InvalidAccountData;
import org.atoll.device.DeviceView;
import org.atoll.eas.message.FindMessage;
import org.atoll.eas.message.FindMessage.FoundMessage;
import org.atoll.eas.message.FindMessage.GalFind;
import org.atoll.eas.message.FindMessage.MailboxFind;
import org.atoll.eas.message.FindMessage.Request;
import org.atoll.eas.message.FindMessage.Response;
import org.atoll.eas.message.FindMessage.Status;
import org.atoll.eas.request.EasCommand;
import org.atoll.eas.request.EasProtocolVersion;
import org.atoll.mailbox.FolderNotFound;
import org.atoll.mailbox.MailboxException;
import org.atoll.mailbox.Mailboxes;
import org.atoll.mailbox.MessageQuery;
import org.atoll.mailbox.MessageSearch;
import org.atoll.mailbox.SearchResults;
import org.atoll.mailbox.SystemFolder;
import org.atoll.sync.ItemId;
import org.springframework.stereotype.Component;

/**
 * Find (MS-ASCMD 2.2.1.2), protocol 16.1 only: the mailbox over {@link MessageSearch}, or the directory over
 * {@link Directory}; results carry the properties of MS-ASCMD 2.2.3.139.1 ({@link FindMessage}).
 *
 * <p>Each request is answered on its own: nothing is kept between requests under a SearchId, so a Range that does
 * not start at 0 is served as the next page of the same query rather than refused with Status 4.
 */
@Component
class FindCommand implements MessageCommand<Request, Response> {

    /** The Range when the request names none: the default of a mailbox search (MS-ASCMD 2.2.3.143.1). */
    static final FindMessage.Range DEFAULT_RANGE = new FindMessage.Range(0, MessageSearch.MAX_RESULTS - 1);

    private static final FindMessage MESSAGE = new FindMessage(DEFAULT_RANGE);

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
    public FindMessage message() {
        return MESSAGE;
    }

    @Override
    public Response serve(long accountId, DeviceView device, Request request) {
        try {
            return switch (request) {
                case MailboxFind find -> mailbox(accountId, find);
                case GalFind find -> gal(find);
            };
        } catch (FolderNotFound e) {
            return new FindMessage.Refused(Status.FOLDER_SYNC_REQUIRED);
        } catch (MailboxException | InvalidAccountData e) {
            return new FindMessage.Refused(Status.INVALID_REQUEST);
        }
    }

    private Response mailbox(long accountId, MailboxFind find) {
        if (find.otherClassesOnly()) {
            return new FindMessage.MailboxFound(List.of(), 0, 0);
        }
        SearchResults results = messageSearch.search(
                accountId,
                new MessageQuery(find.text(), Set.copyOf(find.folders()), find.deep(), null, null, null),
                find.range().first(),
                find.range().size());
        long drafts = mailboxes.systemFolder(accountId, SystemFolder.DRAFTS).id();
        return new FindMessage.MailboxFound(
                results.messages().stream()
                        .map(message -> new FoundMessage(
                                message,
                                new ItemId(message.folderId(), message.id()).text(),
                                EmailItems.dateTime(message.receivedAt()),
                                message.folderId() == drafts))
                        .toList(),
                results.offset(),
                results.total());
    }

    private Response gal(GalFind find) {
        DirectoryPage page =
                directory.search(find.text(), find.range().first(), find.range().size());
        return new FindMessage.GalFound(page.entries(), find.pictures(), page.offset(), page.total());
    }
}
