package org.atoll.api;

import ezvcard.VCardVersion;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.atoll.account.AccountView;
import org.atoll.account.Accounts;
import org.atoll.api.ContactDtos.ContactDto;
import org.atoll.api.ContactDtos.ContactImportDto;
import org.atoll.api.ContactDtos.ImportedCard;
import org.atoll.api.ContactDtos.RefusedCard;
import org.atoll.api.ContactDtos.WriteContact;
import org.atoll.contacts.CardImport;
import org.atoll.contacts.Contact;
import org.atoll.contacts.ContactCards;
import org.atoll.mailbox.ContactContent;
import org.atoll.mailbox.ContactView;
import org.atoll.mailbox.Contacts;
import org.atoll.mailbox.InvalidMailboxRequest;
import org.atoll.shared.PageOf;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.ErrorResponseException;
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
 * An account's contacts: the caller's own, or for an administrator any account's. Listed, searched, read, created,
 * replaced and deleted as JSON, and imported and exported as vCard files ({@link ContactCards}). Every change goes
 * through {@link Contacts}, so it is journaled and reaches every device of the account like a change made on a
 * device.
 */
@RestController
@RequestMapping("/api/v1/accounts/{accountId}")
class ContactsController {

    /** The largest vCard file an import reads, in bytes: a thousand cards with pictures fit many times. */
    static final int MAX_IMPORT_BYTES = 16 * 1024 * 1024;

    private static final MediaType VCARD = MediaType.parseMediaType("text/vcard;charset=UTF-8");

    private final Contacts contacts;
    private final Accounts accounts;

    ContactsController(Contacts contacts, Accounts accounts) {
        this.contacts = contacts;
        this.accounts = accounts;
    }

    @GetMapping("/contacts")
    Pages<ContactDto> list(
            @AuthenticationPrincipal AccountView caller,
            @PathVariable long accountId,
            @RequestParam(required = false) @Nullable Long folderId,
            @RequestParam(required = false) @Nullable String q,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "50") int size) {
        Caller.requireAccount(caller, accountId, accounts);
        Pages.checkSearch(page, size, q, "contacts");
        return Pages.of(contacts.page(accountId, folderId, q, page, size), ContactDto::listed);
    }

    @PostMapping(path = "/contacts", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<ContactDto> create(
            @AuthenticationPrincipal AccountView caller,
            @PathVariable long accountId,
            @Valid @RequestBody WriteContact body) {
        Caller.requireAccount(caller, accountId, accounts);
        ContactContent content = body.content();
        long folderId =
                body.folderId() == null ? contacts.defaultFolder(accountId).id() : body.folderId();
        ContactView contact = contacts.create(accountId, folderId, content);
        return ResponseEntity.created(URI.create("/api/v1/accounts/" + accountId + "/contacts/" + contact.id()))
                .body(ContactDto.whole(contact));
    }

    @GetMapping("/contacts/{contactId}")
    ContactDto get(
            @AuthenticationPrincipal AccountView caller, @PathVariable long accountId, @PathVariable long contactId) {
        Caller.requireAccount(caller, accountId, accounts);
        return ContactDto.whole(contacts.contact(accountId, contactId));
    }

    /** Replaces the whole contact; it stays in its folder. */
    @PutMapping(path = "/contacts/{contactId}", consumes = MediaType.APPLICATION_JSON_VALUE)
    ContactDto update(
            @AuthenticationPrincipal AccountView caller,
            @PathVariable long accountId,
            @PathVariable long contactId,
            @Valid @RequestBody WriteContact body) {
        Caller.requireAccount(caller, accountId, accounts);
        return ContactDto.whole(contacts.update(accountId, contactId, body.content()));
    }

    @DeleteMapping("/contacts/{contactId}")
    ResponseEntity<Void> delete(
            @AuthenticationPrincipal AccountView caller, @PathVariable long accountId, @PathVariable long contactId) {
        Caller.requireAccount(caller, accountId, accounts);
        contacts.contact(accountId, contactId);
        contacts.delete(accountId, List.of(contactId));
        return ResponseEntity.status(HttpStatus.NO_CONTENT).build();
    }

    /** Every contact of the account (of one folder when given) as one vCard file, 4.0 unless 3.0 is asked for. */
    @GetMapping("/contacts.vcf")
    ResponseEntity<String> export(
            @AuthenticationPrincipal AccountView caller,
            @PathVariable long accountId,
            @RequestParam(required = false) @Nullable Long folderId,
            @RequestParam(defaultValue = "4.0") String version) {
        Caller.requireAccount(caller, accountId, accounts);
        VCardVersion cardVersion = switch (version) {
            case "4.0" -> VCardVersion.V4_0;
            case "3.0" -> VCardVersion.V3_0;
            default -> throw new InvalidApiRequest("version is 4.0 or 3.0");
        };
        List<Contact> all = new ArrayList<>();
        for (int page = 0; ; page++) {
            PageOf<ContactView> part = contacts.page(accountId, folderId, page, Contacts.MAX_PAGE);
            part.items().forEach(view -> all.add(view.contact()));
            if ((long) (page + 1) * part.size() >= part.total() || part.items().isEmpty()) {
                break;
            }
        }
        return ResponseEntity.ok()
                .contentType(VCARD)
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"contacts.vcf\"")
                .body(ContactCards.write(all, cardVersion));
    }

    /**
     * Reads a vCard file (2.1, 3.0 or 4.0, through ez-vcard) into the account's default Contacts folder or the one
     * given. Each card that is malformed, or holds what a contact cannot keep, is refused with its position and the
     * reason; the others are stored together in one change, so either all of them are stored or, when the store
     * fails, none.
     */
    @PostMapping(
            path = "/contacts.vcf",
            consumes = {"text/vcard", "text/x-vcard"})
    ContactImportDto importCards(
            @AuthenticationPrincipal AccountView caller,
            @PathVariable long accountId,
            @RequestParam(required = false) @Nullable Long folderId,
            HttpServletRequest request)
            throws IOException {
        Caller.requireAccount(caller, accountId, accounts);
        long target = folderId == null
                ? contacts.defaultFolder(accountId).id()
                : contacts.folder(accountId, folderId).id();
        CardImport read = ContactCards.read(text(request));
        if (read.accepted().isEmpty() && read.refused().isEmpty()) {
            throw new InvalidApiRequest("The file holds no vCard");
        }
        List<RefusedCard> refused = new ArrayList<>();
        read.refused().forEach(card -> refused.add(new RefusedCard(card.position(), card.reason())));
        List<Integer> acceptedAt = read.acceptedPositions();
        List<Integer> positions = new ArrayList<>();
        List<ContactContent> contents = new ArrayList<>();
        for (int i = 0; i < read.accepted().size(); i++) {
            try {
                contents.add(new ContactContent(read.accepted().get(i)));
                positions.add(acceptedAt.get(i));
            } catch (InvalidMailboxRequest e) {
                refused.add(new RefusedCard(acceptedAt.get(i), e.getMessage()));
            }
        }
        refused.sort(Comparator.comparingInt(RefusedCard::index));
        List<ContactView> stored = contents.isEmpty() ? List.of() : contacts.createAll(accountId, target, contents);
        List<ImportedCard> created = new ArrayList<>();
        for (int i = 0; i < stored.size(); i++) {
            created.add(new ImportedCard(positions.get(i), stored.get(i).id()));
        }
        return new ContactImportDto(created, refused);
    }

    /** The body as text in the charset its type names, UTF-8 when it names none; refused when too large. */
    private static String text(HttpServletRequest request) throws IOException {
        byte[] bytes;
        try (InputStream body = request.getInputStream()) {
            bytes = body.readNBytes(MAX_IMPORT_BYTES + 1);
        }
        if (bytes.length > MAX_IMPORT_BYTES) {
            throw new ErrorResponseException(
                    HttpStatus.CONTENT_TOO_LARGE,
                    ProblemDetail.forStatusAndDetail(
                            HttpStatus.CONTENT_TOO_LARGE,
                            "A vCard file has at most " + MAX_IMPORT_BYTES + " bytes; nothing was stored"),
                    null);
        }
        Charset charset = StandardCharsets.UTF_8;
        String type = request.getContentType();
        try {
            if (type != null && MediaType.parseMediaType(type).getCharset() != null) {
                charset = MediaType.parseMediaType(type).getCharset();
            }
        } catch (IllegalArgumentException e) {
            throw new InvalidApiRequest("The content type names an unknown charset");
        }
        try {
            return charset.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new InvalidApiRequest("The file is not text in " + charset.name() + "; nothing was stored");
        }
    }
}
