package org.atoll.device;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * Everything the registry knows of a device, for administrators and the device's owner.
 *
 * @param id the registry's id, unique across accounts
 * @param deviceId the DeviceId the device sends, unique within its account
 * @param policyId the policy the device last provisioned with, null before it provisioned
 * @param policyVersion the version of that policy it acknowledged
 * @param policyPartlyApplied whether the device said it could apply the policy only in part (MS-ASPROV 2.2.2.54.1)
 * @param firstSyncAt the device's first request
 * @param lastSyncAt its latest request (rewritten at most every {@code atoll.device.last-seen-granularity})
 * @param wipeByAdministrator whether an administrator ordered the wipe, which the owner then may not withdraw
 * @param lastPingAt its latest Ping, null before it sent one
 */
public record DeviceDetail(
        long id,
        long accountId,
        String accountAddress,
        String deviceId,
        String deviceType,
        @Nullable String userAgent,
        String protocolVersion,
        DeviceInformation information,
        @Nullable Long policyId,
        @Nullable String policyName,
        @Nullable Long policyVersion,
        boolean policyPartlyApplied,
        @Nullable Instant provisionedAt,
        AccessState accessState,
        AccessSource accessSource,
        @Nullable String accessReason,
        @Nullable Instant accessChangedAt,
        WipeState wipeState,
        @Nullable WipeKind wipeKind,
        boolean wipeByAdministrator,
        @Nullable String wipeRequestedBy,
        @Nullable Instant wipeRequestedAt,
        @Nullable Instant wipeSentAt,
        @Nullable Instant wipeAcknowledgedAt,
        @Nullable Instant wipeFailedAt,
        Instant firstSyncAt,
        Instant lastSyncAt,
        @Nullable Instant lastPingAt) {}
