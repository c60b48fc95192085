package org.atoll.eas.command;

import java.util.Optional;
import org.atoll.device.DeviceView;
import org.atoll.device.Devices;
import org.atoll.device.MobilePolicy;
import org.atoll.device.Provisioning;
import org.atoll.device.WipeKind;
import org.atoll.eas.message.ProvisionMessage;
import org.atoll.eas.message.ProvisionMessage.PolicyAnswer;
import org.atoll.eas.message.ProvisionMessage.PolicyStatus;
import org.atoll.eas.message.ProvisionMessage.ProvisionStatus;
import org.atoll.eas.message.ProvisionMessage.Refused;
import org.atoll.eas.message.ProvisionMessage.Request;
import org.atoll.eas.message.ProvisionMessage.Response;
import org.atoll.eas.message.WireNumbers;
import org.atoll.eas.request.EasCommand;
import org.springframework.stereotype.Component;

/**
 * Provision (MS-ASCMD 2.2.1.14, MS-ASPROV 3.2.5.1). Without a PolicyKey the device is offered the policy with a
 * temporary key; with the temporary key and Status 1 it acknowledges the policy and receives the final key.
 */
@Component
class ProvisionCommand implements MessageCommand<Request, Response> {

    /** A device's acknowledgement: it applied the policy (Policy Status 1 in a request, MS-ASPROV 2.2.2.54.1). */
    private static final String FULLY_APPLIED = "1";

    /** A device's acknowledgement: it applied the policy in part, at least the PIN (MS-ASPROV 2.2.2.54.1). */
    private static final String PARTLY_APPLIED = "2";

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
    public ProvisionMessage message() {
        return ProvisionMessage.INSTANCE;
    }

    @Override
    public Response serve(long accountId, DeviceView device, Request request) {
        String deviceId = device.deviceId();
        if (request.deviceInformation() != null) {
            devices.recordInformation(accountId, deviceId, request.deviceInformation());
        }
        if (device.wipeState().owed()) {
            return remoteWipe(accountId, deviceId, request);
        }
        ProvisionMessage.Policy policy = request.policy();
        if (policy == null) {
            return new Refused(ProvisionStatus.PROTOCOL_ERROR);
        }
        String type = policy.type();
        if (!ProvisionMessage.POLICY_TYPE.equals(type)) {
            return new PolicyAnswer(type, PolicyStatus.UNKNOWN_POLICY_TYPE, null, null);
        }
        if (policy.policyKey() == null) {
            MobilePolicy offered = provisioning.policyFor(accountId);
            long temporary = provisioning.offer(accountId, deviceId, offered);
            return new PolicyAnswer(type, PolicyStatus.SUCCESS, temporary, offered);
        }
        String applied = policy.status() == null ? "" : policy.status();
        boolean partly = applied.equals(PARTLY_APPLIED);
        if (partly && !provisioning.policyFor(accountId).allowNonProvisionable()) {
            return new Refused(ProvisionStatus.POLICY_NOT_FULLY_APPLIED);
        }
        Optional<Long> finalKey = parseKey(policy.policyKey())
                .filter(key -> partly || applied.equals(FULLY_APPLIED))
                .flatMap(key -> provisioning.acknowledge(accountId, deviceId, key, partly));
        return finalKey.<Response>map(key -> new PolicyAnswer(type, PolicyStatus.SUCCESS, key, null))
                .orElseGet(() -> new PolicyAnswer(type, PolicyStatus.KEY_MISMATCH, null, null));
    }

    /**
     * A device owed a wipe gets only the wipe (MS-ASPROV 3.2.5.1.2), or for an account-only wipe of a 16.1 device
     * AccountOnlyRemoteWipe (MS-ASPROV 2.2.2.1); its acknowledgement, the same element with Status 1 (done) or 2
     * (failed), is recorded, and a failed wipe is sent again.
     */
    private Response remoteWipe(long accountId, String deviceId, Request request) {
        boolean accountOnly = devices.wipe(accountId, deviceId)
                .map(record -> record.kind() == WipeKind.ACCOUNT_ONLY)
                .orElse(false);
        String acknowledged = accountOnly ? request.accountOnlyRemoteWipeStatus() : request.remoteWipeStatus();
        if (acknowledged != null) {
            devices.wipeAcknowledged(accountId, deviceId, acknowledged.equals("1"));
            return new Refused(ProvisionStatus.SUCCESS);
        }
        devices.wipeSent(accountId, deviceId);
        return new ProvisionMessage.Wipe(accountOnly);
    }

    /** A policy key is an unsigned 32-bit number other than 0 (MS-ASPROV 2.2.2.42). */
    private static Optional<Long> parseKey(String text) {
        return WireNumbers.unsigned(text).filter(key -> key > 0 && key <= 0xFFFF_FFFFL);
    }
}
