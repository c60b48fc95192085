package org.atoll.eas.request;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * One ActiveSync request line (MS-ASHTTP 2.2.1.1), the same whether the client sent a plain or a base64 query.
 *
 * @param command the command to run
 * @param user the {@code User} parameter as the client sent it, or null when it sent none; it is not authenticated
 *     here, the caller compares it with the authenticated user
 * @param deviceId letters and digits, at most {@link EasRequestParser#MAX_DEVICE_ID_LENGTH}; a binary base64 device
 *     ID is given in upper-case hex (see {@link EasRequestParser})
 * @param deviceType visible ASCII, at most {@link EasRequestParser#MAX_DEVICE_TYPE_LENGTH}
 * @param protocolVersion the version the client formatted the request for
 * @param policyKey the client's policy key (MS-ASPROV 2.2.2.42) as an unsigned 32-bit value; 0 when it sent none
 * @param locale the base64 Locale field, an LCID (MS-LCID); a plain query has none
 * @param parameters the command parameters the client sent
 * @param options the Options flags the client set
 */
public record EasRequest(
        EasCommand command,
        @Nullable String user,
        String deviceId,
        String deviceType,
        EasProtocolVersion protocolVersion,
        long policyKey,
        OptionalInt locale,
        Map<EasParameter, String> parameters,
        Set<EasOption> options) {

    public EasRequest {
        Objects.requireNonNull(command);
        Objects.requireNonNull(deviceId);
        Objects.requireNonNull(deviceType);
        Objects.requireNonNull(protocolVersion);
        Objects.requireNonNull(locale);
        if (policyKey < 0 || policyKey > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("policy key out of unsigned 32-bit range: " + policyKey);
        }
        parameters = Map.copyOf(parameters);
        options = Set.copyOf(options);
    }

    /** Whether the client sent a policy key other than 0. */
    public boolean hasPolicyKey() {
        return policyKey != 0;
    }

    /** The value of one command parameter, if the client sent it. */
    public Optional<String> parameter(EasParameter parameter) {
        return Optional.ofNullable(parameters.get(parameter));
    }

    public boolean hasOption(EasOption option) {
        return options.contains(option);
    }
}
