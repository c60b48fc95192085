package org.atoll.audit;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.atoll.audit.internal.AuditEntries;
import org.atoll.shared.Actor;
import org.atoll.shared.PageOf;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Writes and reads the audit trail. Entries are written in the transaction of the change they record, so an
 * entry exists exactly when its change committed.
 */
@Service
public class AuditLog {

    /** Most entries one page lists. */
    public static final int MAX_PAGE_SIZE = 500;

    private final AuditEntries entries;
    private final Clock clock;

    AuditLog(AuditEntries entries, Clock clock) {
        this.entries = entries;
        this.clock = clock;
    }

    /** Records an entry in the current transaction. */
    @Transactional
    public void record(
            Actor actor,
            String action,
            @Nullable Long accountId,
            @Nullable Long devicePk,
            @Nullable String deviceId,
            String detail) {
        entries.insert(
                clock.instant().truncatedTo(ChronoUnit.MICROS),
                cut(actor.name(), 320),
                actor.source() == null ? null : cut(actor.source(), 64),
                action,
                accountId,
                devicePk,
                deviceId,
                cut(detail, 2000));
    }

    /** Removes up to {@code limit} entries older than {@code cutoff}, oldest first; returns how many. */
    @Transactional
    public long removeBefore(Instant cutoff, int limit) {
        return entries.removeBefore(cutoff, limit);
    }

    /**
     * Newest first.
     *
     * @throws InvalidAuditQuery when the page or size is out of range, or the range ends before it starts
     */
    @Transactional(readOnly = true)
    public PageOf<AuditEntry> find(AuditQuery query, int page, int size) {
        if (page < 0 || size < 1 || size > MAX_PAGE_SIZE) {
            throw new InvalidAuditQuery("Pages start at 0 and hold 1 to " + MAX_PAGE_SIZE + " entries");
        }
        if (query.from() != null && query.to() != null && query.to().isBefore(query.from())) {
            throw new InvalidAuditQuery("The time range ends before it starts");
        }
        return entries.find(query, page, size);
    }

    private static String cut(String value, int max) {
        return value.length() <= max ? value : value.substring(0, max);
    }
}
