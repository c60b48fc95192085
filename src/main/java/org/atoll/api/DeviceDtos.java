package org.atoll.api;

import jakarta.validation.constraints.NotNull;
import java.time.Instant;
import org.atoll.device.AccessRule;
import org.atoll.device.AccessSource;
import org.atoll.device.AccessState;
import org.atoll.device.Characteristic;
import org.atoll.device.DeviceDetail;
import org.atoll.device.MobilePolicies;
import org.atoll.device.MobilePolicy;
import org.atoll.device.WipeKind;
import org.atoll.device.WipeState;
import org.jspecify.annotations.Nullable;

/** What the devices, access rules and policies resources read and write. */
final class DeviceDtos {

    private DeviceDtos() {}

    record DeviceDto(
            long id,
            long accountId,
            String accountAddress,
            String deviceId,
            String deviceType,
            @Nullable String userAgent,
            String protocolVersion,
            @Nullable String model,
            @Nullable String imei,
            @Nullable String friendlyName,
            @Nullable String os,
            @Nullable String osLanguage,
            @Nullable String phoneNumber,
            @Nullable String mobileOperator,
            @Nullable AppliedPolicy policy,
            Access access,
            Wipe wipe,
            Instant firstSyncAt,
            Instant lastSyncAt,
            @Nullable Instant lastPingAt) {

        static DeviceDto of(DeviceDetail d) {
            AppliedPolicy policy = d.policyId() == null
                    ? null
                    : new AppliedPolicy(
                            d.policyId(),
                            d.policyName(),
                            d.policyVersion(),
                            d.provisionedAt(),
                            d.policyPartlyApplied());
            return new DeviceDto(
                    d.id(),
                    d.accountId(),
                    d.accountAddress(),
                    d.deviceId(),
                    d.deviceType(),
                    d.userAgent(),
                    d.protocolVersion(),
                    d.information().model(),
                    d.information().imei(),
                    d.information().friendlyName(),
                    d.information().os(),
                    d.information().osLanguage(),
                    d.information().phoneNumber(),
                    d.information().mobileOperator(),
                    policy,
                    new Access(d.accessState(), d.accessSource(), d.accessReason(), d.accessChangedAt()),
                    new Wipe(
                            d.wipeState(),
                            d.wipeKind(),
                            d.wipeRequestedBy(),
                            d.wipeRequestedAt(),
                            d.wipeSentAt(),
                            d.wipeAcknowledgedAt(),
                            d.wipeFailedAt(),
                            d.wipeByAdministrator()),
                    d.firstSyncAt(),
                    d.lastSyncAt(),
                    d.lastPingAt());
        }
    }

    /**
     * The policy the device provisioned with.
     *
     * @param name null when the policy was deleted since
     * @param provisionedAt when the device acknowledged it, null while the first phase is open
     */
    record AppliedPolicy(
            long id,
            @Nullable String name,
            @Nullable Long version,
            @Nullable Instant provisionedAt,
            boolean partlyApplied) {}

    record Access(
            AccessState state,
            AccessSource source,
            @Nullable String reason,
            @Nullable Instant changedAt) {}

    record Wipe(
            WipeState state,
            @Nullable WipeKind kind,
            @Nullable String requestedBy,
            @Nullable Instant requestedAt,
            @Nullable Instant sentAt,
            @Nullable Instant acknowledgedAt,
            @Nullable Instant failedAt,
            boolean byAdministrator) {}

    record AccessRuleDto(
            long id, AccessState access, Characteristic characteristic, String queryString, Instant createdAt) {

        static AccessRuleDto of(AccessRule rule) {
            return new AccessRuleDto(
                    rule.id(), rule.access(), rule.characteristic(), rule.queryString(), rule.createdAt());
        }
    }

    record WriteAccessRule(
            @NotNull AccessState access,
            @NotNull Characteristic characteristic,
            @NotNull String queryString) {}

    record AccessSettingsDto(@NotNull AccessState defaultAccess) {}

    record PolicyDto(
            long id,
            String name,
            boolean isDefault,
            long version,
            long assignedAccounts,
            boolean passwordRequired,
            int minPasswordLength,
            boolean alphanumericRequired,
            @Nullable Integer maxInactivitySeconds,
            @Nullable Integer maxFailedAttempts,
            boolean requireEncryption,
            @Nullable Long maxAttachmentBytes,
            boolean allowNonProvisionable) {

        static PolicyDto of(MobilePolicies.PolicyView view) {
            MobilePolicy p = view.policy();
            return new PolicyDto(
                    p.id(),
                    p.name(),
                    view.isDefault(),
                    p.version(),
                    view.assignedAccounts(),
                    p.passwordRequired(),
                    p.minPasswordLength(),
                    p.alphanumericRequired(),
                    p.maxInactivitySeconds(),
                    p.maxFailedAttempts(),
                    p.requireEncryption(),
                    p.maxAttachmentBytes(),
                    p.allowNonProvisionable());
        }
    }

    /** Every writable setting of a policy; an absent limit means none. */
    record WritePolicy(
            @NotNull String name,
            @NotNull Boolean isDefault,
            @NotNull Boolean passwordRequired,
            @NotNull Integer minPasswordLength,
            @NotNull Boolean alphanumericRequired,
            @Nullable Integer maxInactivitySeconds,
            @Nullable Integer maxFailedAttempts,
            @NotNull Boolean requireEncryption,
            @Nullable Long maxAttachmentBytes,
            @NotNull Boolean allowNonProvisionable) {}
}
