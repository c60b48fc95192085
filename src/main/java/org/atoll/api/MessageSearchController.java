package org.atoll.api;

import java.util.Set;
import org.atoll.account.AccountView;
import org.atoll.account.Accounts;
import org.atoll.api.MailboxDtos.MessageDto;
import org.atoll.mailbox.MessageQuery;
import org.atoll.mailbox.MessageSearch;
import org.atoll.mailbox.SearchResults;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Full-text search of a mailbox, the same search devices send (ActiveSync Search of the Mailbox store): the caller's
 * own mailbox, or for an administrator any account's.
 */
@RestController
@RequestMapping("/api/v1/accounts/{accountId}/messages")
class MessageSearchController {

    private final MessageSearch search;
    private final Accounts accounts;

    MessageSearchController(MessageSearch search, Accounts accounts) {
        this.search = search;
        this.accounts = accounts;
    }

    @GetMapping
    Pages<MessageDto> search(
            @AuthenticationPrincipal AccountView caller,
            @PathVariable long accountId,
            @RequestParam String q,
            @RequestParam(required = false) @Nullable Long folderId,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "50") int size) {
        Caller.requireSelfOrAdmin(caller, accountId, "mailbox " + accountId);
        if (caller.id() != accountId && accounts.find(accountId).isEmpty()) {
            throw new NotVisible("mailbox " + accountId);
        }
        if (page < 0 || size < 1 || size > MessageSearch.MAX_RESULTS) {
            throw new InvalidApiRequest("Pages start at 0 and hold 1 to " + MessageSearch.MAX_RESULTS + " messages");
        }
        QueryValues.requireReachable(page, size);
        if (q.isBlank()) {
            throw new InvalidApiRequest("q names at least one word");
        }
        MessageQuery query =
                new MessageQuery(q, folderId == null ? Set.of() : Set.of(folderId), false, null, null, null);
        SearchResults found = search.search(accountId, query, page * size, size);
        return new Pages<>(
                found.messages().stream().map(m -> MessageDto.of(m, null)).toList(), page, size, found.total());
    }
}
