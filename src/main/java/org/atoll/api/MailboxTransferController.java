package org.atoll.api;

import jakarta.validation.Valid;
import java.io.InputStream;
import java.net.URI;
import java.util.List;
import org.atoll.account.AccountView;
import org.atoll.account.Accounts;
import org.atoll.api.TransferDtos.ImportDto;
import org.atoll.api.TransferDtos.StartImapImport;
import org.atoll.mailbox.FolderView;
import org.atoll.mailbox.Mailboxes;
import org.atoll.transfer.ExportFormat;
import org.atoll.transfer.ImportListener;
import org.atoll.transfer.ImportNotFound;
import org.atoll.transfer.ImportProgress;
import org.atoll.transfer.ImportSource;
import org.atoll.transfer.MailboxExports;
import org.atoll.transfer.MailboxImports;
import org.atoll.transfer.UploadFormat;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * Moving a mailbox in and out. An owner imports files into and exports their own mailbox; an administrator any
 * account's. An import from an IMAP server is for administrators only, because it makes the server connect to a
 * host the request names. Imports run on the node that took the request and are followed there.
 */
@RestController
@RequestMapping("/api/v1/mailboxes/{accountId}")
class MailboxTransferController {

    private final MailboxImports imports;
    private final MailboxExports exports;
    private final Mailboxes mailboxes;
    private final Accounts accounts;

    MailboxTransferController(MailboxImports imports, MailboxExports exports, Mailboxes mailboxes, Accounts accounts) {
        this.imports = imports;
        this.exports = exports;
        this.mailboxes = mailboxes;
        this.accounts = accounts;
    }

    @PostMapping("/imports")
    ResponseEntity<ImportDto> importFromImap(
            @AuthenticationPrincipal AccountView caller,
            @PathVariable long accountId,
            @Valid @RequestBody StartImapImport body) {
        visible(caller, accountId);
        if (!Caller.isAdmin(caller)) {
            throw new AdministratorsOnly("An import from an IMAP server");
        }
        ImportSource.Imap source = new ImportSource.Imap(
                body.host().strip(),
                body.port(),
                body.security(),
                body.username(),
                body.password(),
                body.folders() == null ? List.of() : body.folders());
        return accepted(accountId, imports.start(accountId, source, ImportListener.NONE));
    }

    @PostMapping(
            path = "/imports/upload",
            consumes = {"application/mbox", "application/zip", MediaType.APPLICATION_OCTET_STREAM_VALUE})
    ResponseEntity<ImportDto> importUpload(
            @AuthenticationPrincipal AccountView caller,
            @PathVariable long accountId,
            @RequestParam UploadFormat format,
            @RequestParam(required = false) @Nullable String folder,
            InputStream body) {
        visible(caller, accountId);
        if (folder != null && (folder.isBlank() || folder.length() > 1000)) {
            throw new InvalidApiRequest("folder names a path of 1 to 1000 characters");
        }
        return accepted(accountId, imports.startUpload(accountId, body, format, folder));
    }

    @GetMapping("/imports")
    List<ImportDto> listImports(@AuthenticationPrincipal AccountView caller, @PathVariable long accountId) {
        visible(caller, accountId);
        return imports.imports(accountId).stream().map(ImportDto::of).toList();
    }

    @GetMapping("/imports/{importId}")
    ImportDto getImport(
            @AuthenticationPrincipal AccountView caller, @PathVariable long accountId, @PathVariable long importId) {
        visible(caller, accountId);
        return ImportDto.of(imports.progress(accountId, importId).orElseThrow(() -> new ImportNotFound(importId)));
    }

    @PostMapping("/imports/{importId}/cancel")
    ImportDto cancelImport(
            @AuthenticationPrincipal AccountView caller, @PathVariable long accountId, @PathVariable long importId) {
        visible(caller, accountId);
        return ImportDto.of(imports.cancel(accountId, importId));
    }

    /** Streams the export while it is read from the store; nothing of it is held whole. */
    @GetMapping("/export")
    ResponseEntity<StreamingResponseBody> export(
            @AuthenticationPrincipal AccountView caller,
            @PathVariable long accountId,
            @RequestParam ExportFormat format,
            @RequestParam(required = false) @Nullable Long folderId) {
        visible(caller, accountId);
        exports.check(accountId, folderId);
        MailboxExports.Container container = MailboxExports.container(folderId, format);
        String name = folderId == null ? "mailbox-" + accountId : folderName(accountId, folderId);
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(
                container == MailboxExports.Container.MBOX
                        ? MediaType.parseMediaType("application/mbox")
                        : MediaType.parseMediaType("application/zip"));
        headers.set(
                HttpHeaders.CONTENT_DISPOSITION,
                SafeDownload.disposition(name + (container == MailboxExports.Container.MBOX ? ".mbox" : ".zip")));
        headers.set("X-Content-Type-Options", "nosniff");
        StreamingResponseBody stream = out -> exports.write(accountId, folderId, format, out);
        return ResponseEntity.ok().headers(headers).body(stream);
    }

    private String folderName(long accountId, long folderId) {
        FolderView folder = mailboxes.folder(accountId, folderId);
        return folder.name();
    }

    private static ResponseEntity<ImportDto> accepted(long accountId, ImportProgress progress) {
        return ResponseEntity.status(HttpStatus.ACCEPTED)
                .location(URI.create("/api/v1/mailboxes/" + accountId + "/imports/" + progress.jobId()))
                .body(ImportDto.of(progress));
    }

    /** A user sees their own mailbox only; an administrator any account's that exists. */
    private void visible(AccountView caller, long accountId) {
        Caller.requireSelfOrAdmin(caller, accountId, "mailbox " + accountId);
        if (caller.id() != accountId && accounts.find(accountId).isEmpty()) {
            throw new NotVisible("mailbox " + accountId);
        }
    }
}
