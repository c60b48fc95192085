package org.atoll.eas.message;

import java.util.Optional;
import org.atoll.device.DeviceInformation;
import org.atoll.device.MobilePolicy;
import org.atoll.wbxml.CodePage;
import org.atoll.wbxml.WbxmlElement;
import org.jspecify.annotations.Nullable;

/**
 * Provision (MS-ASCMD 2.2.1.14, MS-ASPROV): the request asks for the policy, acknowledges it, or acknowledges a
 * remote wipe, and may report the device (14.1); the response offers the policy, hands out the final key, or orders
 * the wipe.
 */
public final class ProvisionMessage implements EasMessage<ProvisionMessage.Request, ProvisionMessage.Response> {

    public static final ProvisionMessage INSTANCE = new ProvisionMessage();

    /** The only policy type of protocol 12.0 and later (MS-ASPROV 2.2.2.41). */
    public static final String POLICY_TYPE = "MS-EAS-Provisioning-WBXML";

    /** Provision Status values, MS-ASPROV 2.2.2.53.1. */
    public enum ProvisionStatus implements WireStatus {
        SUCCESS(1),
        PROTOCOL_ERROR(2),
        /** The device applied the policy in part, and the policy does not allow that (MS-ASPROV 3.1.5.2). */
        POLICY_NOT_FULLY_APPLIED(139);

        private final int code;

        ProvisionStatus(int code) {
            this.code = code;
        }

        @Override
        public int code() {
            return code;
        }
    }

    /** Policy Status values, MS-ASPROV 2.2.2.53.2. */
    public enum PolicyStatus implements WireStatus {
        SUCCESS(1),
        UNKNOWN_POLICY_TYPE(3),
        KEY_MISMATCH(5);

        private final int code;

        PolicyStatus(int code) {
            this.code = code;
        }

        @Override
        public int code() {
            return code;
        }
    }

    /**
     * @param deviceInformation what a 14.1 device reports of itself in Settings:DeviceInformation/Set
     * @param policy the Policies/Policy element, null when there is none
     * @param remoteWipeStatus the Status of a RemoteWipe acknowledgement
     * @param accountOnlyRemoteWipeStatus the Status of an AccountOnlyRemoteWipe acknowledgement (16.1)
     */
    public record Request(
            @Nullable DeviceInformation deviceInformation,
            @Nullable Policy policy,
            @Nullable String remoteWipeStatus,
            @Nullable String accountOnlyRemoteWipeStatus) {}

    /**
     * One Policy of a request.
     *
     * @param type the PolicyType, empty when missing
     * @param policyKey the PolicyKey being acknowledged, null when the device asks for the policy
     * @param status what the device applied (MS-ASPROV 2.2.2.54.1): 1 all, 2 in part; null when missing
     */
    public record Policy(
            String type,
            @Nullable String policyKey,
            @Nullable String status) {}

    public sealed interface Response {}

    /** Only the Provision Status. */
    public record Refused(ProvisionStatus status) implements Response {}

    /** Status 1 and RemoteWipe, or AccountOnlyRemoteWipe, for a device owed a wipe (MS-ASPROV 3.2.5.1.2). */
    public record Wipe(boolean accountOnly) implements Response {}

    /**
     * Status 1 and one Policy.
     *
     * @param type the PolicyType as the device sent it, the one type there is when it sent none
     * @param policyKey the temporary or final key, null when refused
     * @param offered the policy offered, with the temporary key
     */
    public record PolicyAnswer(
            String type,
            PolicyStatus status,
            @Nullable Long policyKey,
            @Nullable MobilePolicy offered) implements Response {}

    private static final CodePage P = CodePage.PROVISION;
    private static final CodePage S = CodePage.SETTINGS;

    private ProvisionMessage() {}

    @Override
    public Request read(WbxmlElement document) throws MalformedRequest {
        if (document.page() != P || !document.name().equals("Provision")) {
            throw new MalformedRequest(ProvisionStatus.PROTOCOL_ERROR);
        }
        DeviceInformation information = document.child(S, "DeviceInformation")
                .flatMap(element -> element.child(S, "Set"))
                .map(SettingsMessage::deviceInformation)
                .orElse(null);
        Optional<WbxmlElement> policy = document.child(P, "Policies").flatMap(policies -> policies.child(P, "Policy"));
        return new Request(
                information,
                policy.map(p -> new Policy(
                                p.text(P, "PolicyType").orElse(""),
                                p.text(P, "PolicyKey").orElse(null),
                                p.text(P, "Status").orElse(null)))
                        .orElse(null),
                wipeStatus(document, "RemoteWipe"),
                wipeStatus(document, "AccountOnlyRemoteWipe"));
    }

    private static @Nullable String wipeStatus(WbxmlElement document, String element) {
        return document.child(P, element)
                .flatMap(wipe -> wipe.text(P, "Status"))
                .orElse(null);
    }

    @Override
    public WbxmlElement write(Response response) {
        return switch (response) {
            case Refused(ProvisionStatus status) -> refused(status.code());
            case Wipe(boolean accountOnly) ->
                refused(ProvisionStatus.SUCCESS.code()).addEmpty(accountOnly ? "AccountOnlyRemoteWipe" : "RemoteWipe");
            case PolicyAnswer answer -> {
                WbxmlElement policy = WbxmlElement.of(P, "Policy")
                        .add("PolicyType", answer.type().isEmpty() ? POLICY_TYPE : answer.type())
                        .add("Status", Integer.toString(answer.status().code()));
                if (answer.policyKey() != null) {
                    policy.add("PolicyKey", Long.toString(answer.policyKey()));
                }
                if (answer.offered() != null) {
                    policy.add(WbxmlElement.of(P, "Data").add(document(answer.offered())));
                }
                yield refused(ProvisionStatus.SUCCESS.code())
                        .add(WbxmlElement.of(P, "Policies").add(policy));
            }
        };
    }

    /** The EASProvisionDoc of a policy (MS-ASPROV). */
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

    private static String flag(boolean value) {
        return value ? "1" : "0";
    }

    @Override
    public WbxmlElement refused(int status) {
        return WbxmlElement.of(P, "Provision").add("Status", Integer.toString(status));
    }
}
