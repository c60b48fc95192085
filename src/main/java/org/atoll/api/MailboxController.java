package org.atoll.api;

import jakarta.validation.Valid;
import java.net.URI;
import java.util.List;
import org.atoll.account.AccountView;
import org.atoll.account.Accounts;
import org.atoll.api.MailboxDtos.CreateFolder;
import org.atoll.api.MailboxDtos.FolderDto;
import org.atoll.api.MailboxDtos.MessageDto;
import org.atoll.api.MailboxDtos.MoveMessage;
import org.atoll.api.MailboxDtos.UpdateMessage;
import org.atoll.mailbox.Attachment;
import org.atoll.mailbox.Flag;
import org.atoll.mailbox.FolderType;
import org.atoll.mailbox.FolderView;
import org.atoll.mailbox.Mailboxes;
import org.atoll.mailbox.MessageView;
import org.atoll.mime.MimeBodies;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * A mailbox: the caller's own, or for an administrator any account's. Every change goes through {@link Mailboxes},
 * so it is journaled and reaches every device of the account like a change made on a device.
 */
@RestController
@RequestMapping("/api/v1/mailboxes/{accountId}")
class MailboxController {

    /** Most messages one page lists. */
    private static final int MAX_PAGE_SIZE = 200;

    private final Mailboxes mailboxes;
    private final Accounts accounts;

    MailboxController(Mailboxes mailboxes, Accounts accounts) {
        this.mailboxes = mailboxes;
        this.accounts = accounts;
    }

    @GetMapping("/folders")
    List<FolderDto> folders(@AuthenticationPrincipal AccountView caller, @PathVariable long accountId) {
        visible(caller, accountId);
        return mailboxes.folders(accountId).stream()
                .map(folder -> FolderDto.of(folder, mailboxes.count(accountId, folder.id())))
                .toList();
    }

    @PostMapping("/folders")
    ResponseEntity<FolderDto> createFolder(
            @AuthenticationPrincipal AccountView caller,
            @PathVariable long accountId,
            @Valid @RequestBody CreateFolder body) {
        visible(caller, accountId);
        FolderView folder = mailboxes.createFolder(accountId, body.parentId(), body.name(), FolderType.USER_MAIL);
        return ResponseEntity.created(URI.create("/api/v1/mailboxes/" + accountId + "/folders/" + folder.id()))
                .body(FolderDto.of(folder, 0));
    }

    @GetMapping("/folders/{folderId}/messages")
    Pages<MessageDto> messages(
            @AuthenticationPrincipal AccountView caller,
            @PathVariable long accountId,
            @PathVariable long folderId,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "50") int size) {
        visible(caller, accountId);
        if (page < 0 || size < 1 || size > MAX_PAGE_SIZE) {
            throw new InvalidApiRequest("Pages start at 0 and hold 1 to " + MAX_PAGE_SIZE + " messages");
        }
        long offset = (long) page * size;
        if (offset > Integer.MAX_VALUE) {
            throw new InvalidApiRequest("page is too large");
        }
        List<MessageDto> items = mailboxes.messages(accountId, folderId, (int) offset, size).stream()
                .map(m -> MessageDto.of(m, null))
                .toList();
        return new Pages<>(items, page, size, mailboxes.count(accountId, folderId));
    }

    @GetMapping("/messages/{messageId}")
    MessageDto message(
            @AuthenticationPrincipal AccountView caller, @PathVariable long accountId, @PathVariable long messageId) {
        visible(caller, accountId);
        MessageView message = mailboxes.message(accountId, messageId);
        return MessageDto.of(message, MimeBodies.extract(mailboxes.rawMime(accountId, messageId)));
    }

    @GetMapping("/messages/{messageId}/raw")
    ResponseEntity<byte[]> raw(
            @AuthenticationPrincipal AccountView caller, @PathVariable long accountId, @PathVariable long messageId) {
        visible(caller, accountId);
        byte[] raw = mailboxes.rawMime(accountId, messageId);
        return ResponseEntity.ok()
                .headers(SafeDownload.headers("message-" + messageId + ".eml", "message/rfc822", raw.length))
                .body(raw);
    }

    @GetMapping("/messages/{messageId}/attachments/{index}")
    ResponseEntity<byte[]> attachment(
            @AuthenticationPrincipal AccountView caller,
            @PathVariable long accountId,
            @PathVariable long messageId,
            @PathVariable int index) {
        visible(caller, accountId);
        List<Attachment> attachments = mailboxes.message(accountId, messageId).attachments();
        if (index < 0 || index >= attachments.size()) {
            throw new NotVisible("attachment " + index + " of message " + messageId);
        }
        Attachment attachment = attachments.get(index);
        byte[] content = MimeBodies.part(mailboxes.rawMime(accountId, messageId), attachment.partPath())
                .orElseThrow(() -> new NotVisible("attachment " + index + " of message " + messageId));
        String name = attachment.fileName() == null ? "attachment-" + index : attachment.fileName();
        return ResponseEntity.ok()
                .headers(SafeDownload.headers(name, attachment.contentType(), content.length))
                .body(content);
    }

    /** Read state and flag change in one transaction: both or neither. */
    @PatchMapping("/messages/{messageId}")
    @Transactional
    MessageDto update(
            @AuthenticationPrincipal AccountView caller,
            @PathVariable long accountId,
            @PathVariable long messageId,
            @Valid @RequestBody UpdateMessage body) {
        visible(caller, accountId);
        if (body.read() != null) {
            mailboxes.setRead(accountId, List.of(messageId), body.read());
        }
        if (body.flagged() != null) {
            mailboxes.setFlag(accountId, List.of(messageId), body.flagged() ? Flag.active(null, null) : Flag.CLEARED);
        }
        return MessageDto.of(mailboxes.message(accountId, messageId), null);
    }

    @PostMapping("/messages/{messageId}/move")
    MessageDto move(
            @AuthenticationPrincipal AccountView caller,
            @PathVariable long accountId,
            @PathVariable long messageId,
            @Valid @RequestBody MoveMessage body) {
        visible(caller, accountId);
        return MessageDto.of(
                mailboxes.move(accountId, List.of(messageId), body.folderId()).getFirst(), null);
    }

    /** Into Deleted Items, or for good when the message is there already. */
    @DeleteMapping("/messages/{messageId}")
    ResponseEntity<Void> delete(
            @AuthenticationPrincipal AccountView caller, @PathVariable long accountId, @PathVariable long messageId) {
        visible(caller, accountId);
        mailboxes.delete(accountId, List.of(messageId));
        return ResponseEntity.status(HttpStatus.NO_CONTENT).build();
    }

    /** A user sees their own mailbox only; an administrator any account's that exists. */
    private void visible(AccountView caller, long accountId) {
        Caller.requireSelfOrAdmin(caller, accountId, "mailbox " + accountId);
        if (caller.id() != accountId && accounts.find(accountId).isEmpty()) {
            throw new NotVisible("mailbox " + accountId);
        }
    }
}
