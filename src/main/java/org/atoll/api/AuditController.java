package org.atoll.api;

import java.time.Instant;
import org.atoll.audit.AuditEntry;
import org.atoll.audit.AuditLog;
import org.atoll.audit.AuditQuery;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The audit trail, newest first, for administrators. */
@RestController
class AuditController {

    private final AuditLog log;

    AuditController(AuditLog log) {
        this.log = log;
    }

    @GetMapping("/api/v1/audit")
    Pages<AuditEntryDto> find(
            @RequestParam(required = false) @Nullable Long accountId,
            @RequestParam(required = false) @Nullable Long device,
            @RequestParam(required = false) @Nullable String actor,
            @RequestParam(required = false) @Nullable String from,
            @RequestParam(required = false) @Nullable String to,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "100") int size) {
        AuditQuery query = new AuditQuery(
                accountId, device, actor, QueryValues.instant("from", from), QueryValues.instant("to", to));
        return Pages.of(log.find(query, page, size), AuditEntryDto::of);
    }

    /**
     * @param device the registry's id of the device concerned, as in {@code /devices/{id}}
     * @param deviceId the DeviceId that device sends
     */
    record AuditEntryDto(
            long id,
            Instant at,
            String actor,
            @Nullable String source,
            String action,
            @Nullable Long accountId,
            @Nullable Long device,
            @Nullable String deviceId,
            String detail) {

        static AuditEntryDto of(AuditEntry entry) {
            return new AuditEntryDto(
                    entry.id(),
                    entry.at(),
                    entry.actor(),
                    entry.source(),
                    entry.action(),
                    entry.accountId(),
                    entry.devicePk(),
                    entry.deviceId(),
                    entry.detail());
        }
    }
}
