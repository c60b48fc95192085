package org.atoll.audit;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One line of the audit trail.
 *
 * @param actor an account's address, {@code device:<DeviceId>} or {@code system}
 * @param source the network address the action came from, when known
 * @param action what happened, e.g. {@code device.wipe.requested}
 * @param devicePk the registry's id of the device concerned; the device may be gone since
 * @param deviceId the DeviceId of that device
 */
public record AuditEntry(
        long id,
        Instant at,
        String actor,
        @Nullable String source,
        String action,
        @Nullable Long accountId,
        @Nullable Long devicePk,
        @Nullable String deviceId,
        String detail) {}
