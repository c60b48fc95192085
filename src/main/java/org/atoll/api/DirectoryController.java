package org.atoll.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.atoll.account.Directory;
import org.atoll.account.DirectoryDetails;
import org.atoll.account.DirectoryEntry;
import org.atoll.account.DirectoryPage;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The directory every signed-in user may search, the same one devices search as the GAL: enabled accounts whose
 * address, display name or a word of it starts with {@code q}.
 */
@RestController
@RequestMapping("/api/v1/directory")
class DirectoryController {

    private final Directory directory;

    DirectoryController(Directory directory) {
        this.directory = directory;
    }

    /** An entry; the details an administrator did not set are absent. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record DirectoryEntryDto(
            String displayName,
            String address,
            String alias,
            @Nullable String firstName,
            @Nullable String lastName,
            @Nullable String company,
            @Nullable String title,
            @Nullable String office,
            @Nullable String phone,
            @Nullable String mobilePhone) {

        static DirectoryEntryDto of(DirectoryEntry entry) {
            DirectoryDetails details = entry.details();
            return new DirectoryEntryDto(
                    entry.displayName(),
                    entry.address(),
                    entry.alias(),
                    details.firstName(),
                    details.lastName(),
                    details.company(),
                    details.title(),
                    details.office(),
                    details.phone(),
                    details.mobilePhone());
        }
    }

    @GetMapping
    Pages<DirectoryEntryDto> search(
            @RequestParam String q,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "50") int size) {
        if (page < 0 || size < 1 || size > Directory.MAX_RESULTS) {
            throw new InvalidApiRequest("Pages start at 0 and hold 1 to " + Directory.MAX_RESULTS + " entries");
        }
        QueryValues.requireReachable(page, size);
        DirectoryPage found = directory.search(q, page * size, size);
        return new Pages<>(found.entries().stream().map(DirectoryEntryDto::of).toList(), page, size, found.total());
    }
}
