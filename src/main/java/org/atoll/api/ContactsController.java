package org.atoll.api;

import ezvcard.VCardVersion;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.atoll.account.AccountView;
import org.atoll.account.Accounts;
import org.atoll.contacts.Contact;
import org.atoll.contacts.ContactCards;
import org.atoll.mailbox.ContactView;
import org.atoll.mailbox.Contacts;
import org.atoll.shared.PageOf;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * An account's contacts, read: the caller's own, or for an administrator any account's. A page of them as JSON, or
 * all of them as one vCard file ({@link ContactCards}), as devices stored them through {@link Contacts}.
 */
@RestController
@RequestMapping("/api/v1/accounts/{accountId}")
class ContactsController {

    /** Most contacts one page lists. */
    private static final int MAX_PAGE_SIZE = 200;

    private static final MediaType VCARD = MediaType.parseMediaType("text/vcard;charset=UTF-8");

    private final Contacts contacts;
    private final Accounts accounts;

    ContactsController(Contacts contacts, Accounts accounts) {
        this.contacts = contacts;
        this.accounts = accounts;
    }

    /** A contact as the API lists it: names, organization, addresses to reach it by, and when it last changed. */
    record ContactDto(
            long id,
            long folderId,
            @Nullable String fileAs,
            @Nullable String firstName,
            @Nullable String lastName,
            @Nullable String companyName,
            @Nullable String jobTitle,
            List<String> emailAddresses,
            Map<String, String> phones,
            @Nullable LocalDate birthday,
            List<String> categories,
            Instant lastModified) {

        static ContactDto of(ContactView view) {
            Contact contact = view.contact();
            Map<String, String> phones = new LinkedHashMap<>();
            contact.phones().forEach((kind, number) -> phones.put(kind.name().toLowerCase(Locale.ROOT), number));
            return new ContactDto(
                    view.id(),
                    view.folderId(),
                    contact.fileAs(),
                    contact.firstName(),
                    contact.lastName(),
                    contact.companyName(),
                    contact.jobTitle(),
                    contact.emailAddresses(),
                    phones,
                    contact.birthday(),
                    contact.categories(),
                    view.lastModified());
        }
    }

    @GetMapping("/contacts")
    Pages<ContactDto> list(
            @AuthenticationPrincipal AccountView caller,
            @PathVariable long accountId,
            @RequestParam(required = false) @Nullable Long folderId,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "50") int size) {
        visible(caller, accountId);
        if (page < 0 || size < 1 || size > MAX_PAGE_SIZE) {
            throw new InvalidApiRequest("Pages start at 0 and hold 1 to " + MAX_PAGE_SIZE + " contacts");
        }
        if ((long) page * size > Integer.MAX_VALUE) {
            throw new InvalidApiRequest("page is too large");
        }
        return Pages.of(contacts.page(accountId, folderId, page, size), ContactDto::of);
    }

    /** Every contact of the account (of one folder when given) as one vCard file, 4.0 unless 3.0 is asked for. */
    @GetMapping("/contacts.vcf")
    ResponseEntity<String> export(
            @AuthenticationPrincipal AccountView caller,
            @PathVariable long accountId,
            @RequestParam(required = false) @Nullable Long folderId,
            @RequestParam(defaultValue = "4.0") String version) {
        visible(caller, accountId);
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

    /** A user sees their own contacts only; an administrator any account's that exists. */
    private void visible(AccountView caller, long accountId) {
        Caller.requireSelfOrAdmin(caller, accountId, "account " + accountId);
        if (caller.id() != accountId && accounts.find(accountId).isEmpty()) {
            throw new NotVisible("account " + accountId);
        }
    }
}
