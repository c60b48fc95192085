package org.atoll.eas.request;

/**
 * A request line this server does not accept. The {@link #reason()} names the fact. {@link Reason#UNKNOWN_COMMAND}
 * is answered 501 Not Implemented; every other
 * reason is a 400 Bad Request.
 */
public final class EasRequestException extends Exception {

    private static final long serialVersionUID = 1L;

    /** Why the request was rejected. */
    public enum Reason {
        /** The raw query is longer than {@link EasRequestParser#MAX_QUERY_LENGTH}. */
        QUERY_TOO_LONG,
        /** A bad percent escape, bytes that are not UTF-8, or a plain parameter without {@code =}. */
        MALFORMED_QUERY,
        /** A query without {@code =} parameters that is not standard-alphabet base64 either. */
        MALFORMED_BASE64,
        /** The base64 bytes end inside a field or a command parameter (MS-ASHTTP 2.2.1.1.1.1). */
        TRUNCATED,
        /** A plain query without {@code Cmd}. */
        MISSING_COMMAND,
        /** A command name or code that MS-ASHTTP 2.2.1.1.1.1.2 does not list. */
        UNKNOWN_COMMAND,
        /** A parameter given twice. */
        DUPLICATE_PARAMETER,
        /** A base64 command parameter tag that MS-ASHTTP 2.2.1.1.1.1.3 does not list. */
        UNKNOWN_PARAMETER,
        /** A command parameter whose value is not allowed: control characters, an Options length other than 1, a
         * SaveInSent other than T or F. */
        INVALID_PARAMETER,
        MISSING_DEVICE_ID,
        /** Not 1 to {@link EasRequestParser#MAX_DEVICE_ID_LENGTH} letters and digits. */
        INVALID_DEVICE_ID,
        MISSING_DEVICE_TYPE,
        /** Not 1 to {@link EasRequestParser#MAX_DEVICE_TYPE_LENGTH} visible ASCII characters. */
        INVALID_DEVICE_TYPE,
        /** Empty, longer than {@link EasRequestParser#MAX_USER_LENGTH}, or holding control characters. */
        INVALID_USER,
        /** A plain query without the {@code MS-ASProtocolVersion} header (MS-ASHTTP 2.2.1.1.2.6). */
        MISSING_PROTOCOL_VERSION,
        /** A version MS-ASHTTP does not define, or 2.5 or 12.0 in a base64 query. */
        UNSUPPORTED_VERSION,
        /** An {@code X-MS-PolicyKey} that is not an unsigned 32-bit decimal, or a base64 policy key length other
         * than 0 or 4. */
        INVALID_POLICY_KEY
    }

    private final Reason reason;

    public EasRequestException(Reason reason, String message) {
        super(reason + ": " + message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
