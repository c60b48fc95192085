package org.atoll.eas.command;

import java.util.Optional;
import org.atoll.device.DeviceView;
import org.atoll.device.Devices;
import org.atoll.device.MobilePolicy;
import org.atoll.device.Provisioning;
import org.atoll.device.WipeKind;
import org.atoll.eas.request.EasCommand;
import org.atoll.wbxml.CodePage;
import org.atoll.wbxml.WbxmlElement;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Provision (MS-ASCMD 2.2.1.14, MS-ASPROV 3.2.5.1). Without a PolicyKey the device is offered the policy with a
 * temporary key; with the temporary key and Status 1 it acknowledges the policy and receives the final key.
 */
@Component
public class ProvisionCommand implements EasCommandHandler {

    /** The only policy type of protocol 12.0 and later (MS-ASPROV 2.2.2.41). */
    static final String POLICY_TYPE = "MS-EAS-Provisioning-WBXML";

    /** Provision Status values, MS-ASPROV 2.2.2.53.1. */
    enum ProvisionStatus {
        SUCCESS(1),
        PROTOCOL_ERROR(2),
        /** The device applied the policy in part, and the policy does not allow that (MS-ASPROV 3.1.5.2). */
        POLICY_NOT_FULLY_APPLIED(139);

        final int code;

        ProvisionStatus(int code) {
            this.code = code;
        }
    }

    /** Policy Status values, MS-ASPROV 2.2.2.53.2. */
    enum PolicyStatus {
        SUCCESS(1),
        UNKNOWN_POLICY_TYPE(3),
        KEY_MISMATCH(5);

        final int code;

        PolicyStatus(int code) {
            this.code = code;
        }
    }

    /** A device's acknowledgement: it applied the policy (Policy Status 1 in a request, MS-ASPROV 2.2.2.54.1). */
    private static final String FULLY_APPLIED = "1";

    /** A device's acknowledgement: it applied the policy in part, at least the PIN (MS-ASPROV 2.2.2.54.1). */
    private static final String PARTLY_APPLIED = "2";

    private static final CodePage P = CodePage.PROVISION;

    private final Provisioning provisioning;
    private final Devices devices;

    ProvisionCommand(Provisioning provisioning, Devices devices) {
        this.provisioning = provisioning;
        this.devices = devices;
    }

    @Override
    public EasCommand command() {
        return EasCommand.PROVISION;
    }

    @Override
    public boolean needsPolicy() {
        return false;
    }

    @Override
    public WbxmlElement refused(int status) {
        return WbxmlElement.of(P, "Provision").add("Status", Integer.toString(status));
    }

    @Override
    public WbxmlElement handle(long accountId, DeviceView device, WbxmlElement request) {
        String deviceId = device.deviceId();
        request.child(CodePage.SETTINGS, "DeviceInformation")
                .flatMap(information -> information.child(CodePage.SETTINGS, "Set"))
                .ifPresent(set -> devices.recordInformation(accountId, deviceId, DeviceInformationElement.read(set)));
        if (request.page() != P || !request.name().equals("Provision")) {
            return status(ProvisionStatus.PROTOCOL_ERROR);
        }
        if (device.wipeState().owed()) {
            return remoteWipe(accountId, deviceId, request);
        }
        Optional<WbxmlElement> policy = request.child(P, "Policies").flatMap(policies -> policies.child(P, "Policy"));
        if (policy.isEmpty()) {
            return status(ProvisionStatus.PROTOCOL_ERROR);
        }
        String type = policy.get().text(P, "PolicyType").orElse("");
        if (!POLICY_TYPE.equals(type)) {
            return response(policy(type, PolicyStatus.UNKNOWN_POLICY_TYPE, null));
        }
        Optional<String> acknowledgedKey = policy.get().text(P, "PolicyKey");
        if (acknowledgedKey.isEmpty()) {
            MobilePolicy offered = provisioning.policyFor(accountId);
            long temporary = provisioning.offer(accountId, deviceId, offered);
            return response(policy(type, PolicyStatus.SUCCESS, temporary)
                    .add(WbxmlElement.of(P, "Data").add(document(offered))));
        }
        String applied = policy.get().text(P, "Status").orElse("");
        boolean partly = applied.equals(PARTLY_APPLIED);
        if (partly && !provisioning.policyFor(accountId).allowNonProvisionable()) {
            return status(ProvisionStatus.POLICY_NOT_FULLY_APPLIED);
        }
        Optional<Long> finalKey = parseKey(acknowledgedKey.get())
                .filter(key -> partly || applied.equals(FULLY_APPLIED))
                .flatMap(key -> provisioning.acknowledge(accountId, deviceId, key, partly));
        return finalKey.map(key -> response(policy(type, PolicyStatus.SUCCESS, key)))
                .orElseGet(() -> response(policy(type, PolicyStatus.KEY_MISMATCH, null)));
    }

    /**
     * A device owed a wipe gets only the wipe (MS-ASPROV 3.2.5.1.2), or for an account-only wipe of a 16.1 device
     * AccountOnlyRemoteWipe (MS-ASPROV 2.2.2.1); its acknowledgement, the same element with Status 1 (done) or 2
     * (failed), is recorded, and a failed wipe is sent again.
     */
    private WbxmlElement remoteWipe(long accountId, String deviceId, WbxmlElement request) {
        boolean accountOnly = devices.wipe(accountId, deviceId)
                .map(record -> record.kind() == WipeKind.ACCOUNT_ONLY)
                .orElse(false);
        String element = accountOnly ? "AccountOnlyRemoteWipe" : "RemoteWipe";
        Optional<String> acknowledged = request.child(P, element).flatMap(wipe -> wipe.text(P, "Status"));
        if (acknowledged.isPresent()) {
            devices.wipeAcknowledged(accountId, deviceId, acknowledged.get().equals("1"));
            return status(ProvisionStatus.SUCCESS);
        }
        devices.wipeSent(accountId, deviceId);
        return status(ProvisionStatus.SUCCESS).addEmpty(element);
    }

    private static WbxmlElement document(MobilePolicy policy) {
        WbxmlElement doc = WbxmlElement.of(P, "EASProvisionDoc")
                .add("DevicePasswordEnabled", flag(policy.passwordRequired()))
                .add("AlphanumericDevicePasswordRequired", flag(policy.alphanumericRequired()))
                .add("MinDevicePasswordLength", Integer.toString(policy.minPasswordLength()))
                .add("RequireDeviceEncryption", flag(policy.requireEncryption()));
        if (policy.maxInactivitySeconds() != null) {
            doc.add("MaxInactivityTimeDeviceLock", policy.maxInactivitySeconds().toString());
        }
        if (policy.maxFailedAttempts() != null) {
            doc.add(
                    "MaxDevicePasswordFailedAttempts",
                    policy.maxFailedAttempts().toString());
        }
        if (policy.maxAttachmentBytes() != null) {
            doc.add("MaxAttachmentSize", policy.maxAttachmentBytes().toString());
        }
        return doc;
    }

    private static WbxmlElement policy(String type, PolicyStatus status, @Nullable Long key) {
        WbxmlElement policy = WbxmlElement.of(P, "Policy")
                .add("PolicyType", type.isEmpty() ? POLICY_TYPE : type)
                .add("Status", Integer.toString(status.code));
        if (key != null) {
            policy.add("PolicyKey", Long.toString(key));
        }
        return policy;
    }

    private static WbxmlElement response(WbxmlElement policy) {
        return status(ProvisionStatus.SUCCESS)
                .add(WbxmlElement.of(P, "Policies").add(policy));
    }

    private static WbxmlElement status(ProvisionStatus status) {
        return WbxmlElement.of(P, "Provision").add("Status", Integer.toString(status.code));
    }

    /** A policy key is an unsigned 32-bit number other than 0 (MS-ASPROV 2.2.2.42). */
    private static Optional<Long> parseKey(String text) {
        return WireNumbers.unsigned(text).filter(key -> key > 0 && key <= 0xFFFF_FFFFL);
    }

    private static String flag(boolean value) {
        return value ? "1" : "0";
    }
}
