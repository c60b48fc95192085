package org.atoll.api;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import org.atoll.account.AccountView;
import org.atoll.account.Accounts;
import org.atoll.mailbox.NoteContent;
import org.atoll.mailbox.NoteView;
import org.atoll.mailbox.Notes;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * An account's notes: the caller's own, or for an administrator any account's. Every change goes through
 * {@link Notes}, so it is journaled and reaches every device of the account like a change made on a device.
 */
@RestController
@RequestMapping("/api/v1/accounts/{accountId}/notes")
class NotesController {

    private final Notes notes;
    private final Accounts accounts;

    NotesController(Notes notes, Accounts accounts) {
        this.notes = notes;
        this.accounts = accounts;
    }

    /** A note as the API shows it. */
    record NoteDto(
            long id,
            long folderId,
            String subject,
            String body,
            String messageClass,
            List<String> categories,
            Instant lastModified) {

        static NoteDto of(NoteView note) {
            return new NoteDto(
                    note.id(),
                    note.folderId(),
                    note.subject(),
                    note.body(),
                    note.messageClass(),
                    note.categories(),
                    note.lastModified());
        }
    }

    /** What a client writes of a note; a new note without a folder goes to the default Notes folder. */
    record WriteNote(
            @Nullable Long folderId,
            @NotNull String subject,
            @Nullable String body,
            @Nullable String messageClass,
            @Nullable List<String> categories) {

        NoteContent content() {
            return new NoteContent(
                    subject,
                    body == null ? "" : body,
                    messageClass == null ? NoteContent.STICKY_NOTE : messageClass,
                    categories == null ? List.of() : categories);
        }
    }

    @GetMapping
    Pages<NoteDto> list(
            @AuthenticationPrincipal AccountView caller,
            @PathVariable long accountId,
            @RequestParam(required = false) @Nullable Long folderId,
            @RequestParam(required = false) @Nullable String q,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "50") int size) {
        Caller.requireAccount(caller, accountId, accounts);
        Pages.checkSearch(page, size, q, "notes");
        return Pages.of(notes.page(accountId, folderId, q, page, size), NoteDto::of);
    }

    @PostMapping
    ResponseEntity<NoteDto> create(
            @AuthenticationPrincipal AccountView caller,
            @PathVariable long accountId,
            @Valid @RequestBody WriteNote body) {
        Caller.requireAccount(caller, accountId, accounts);
        long folderId = body.folderId() == null ? notes.defaultFolder(accountId).id() : body.folderId();
        NoteView note = notes.create(accountId, folderId, body.content());
        return ResponseEntity.created(URI.create("/api/v1/accounts/" + accountId + "/notes/" + note.id()))
                .body(NoteDto.of(note));
    }

    @GetMapping("/{noteId}")
    NoteDto get(@AuthenticationPrincipal AccountView caller, @PathVariable long accountId, @PathVariable long noteId) {
        Caller.requireAccount(caller, accountId, accounts);
        return NoteDto.of(notes.note(accountId, noteId));
    }

    /** Replaces what the note says; it stays in its folder. */
    @PutMapping("/{noteId}")
    NoteDto update(
            @AuthenticationPrincipal AccountView caller,
            @PathVariable long accountId,
            @PathVariable long noteId,
            @Valid @RequestBody WriteNote body) {
        Caller.requireAccount(caller, accountId, accounts);
        return NoteDto.of(notes.update(accountId, noteId, body.content()));
    }

    @DeleteMapping("/{noteId}")
    ResponseEntity<Void> delete(
            @AuthenticationPrincipal AccountView caller, @PathVariable long accountId, @PathVariable long noteId) {
        Caller.requireAccount(caller, accountId, accounts);
        notes.note(accountId, noteId);
        notes.delete(accountId, List.of(noteId));
        return ResponseEntity.status(HttpStatus.NO_CONTENT).build();
    }
}
