package org.atoll.eas.request;

import java.util.Optional;

/**
 * The ActiveSync protocol versions a request may name: in the {@code MS-ASProtocolVersion} header of a plain query
 * (MS-ASHTTP 2.2.1.1.2.6) or in the Protocol version byte of a base64 query (MS-ASHTTP 2.2.1.1.1.1), which is the
 * version times ten. Versions 2.5 and 12.0 have no base64 form (MS-ASHTTP 2.2.1.1.1.1). The constants are declared
 * oldest first, so {@link #atLeast} is the one way a command asks whether a feature of some version applies.
 */
public enum EasProtocolVersion {
    V2_5("2.5", 25, false),
    V12_0("12.0", 120, false),
    V12_1("12.1", 121, true),
    V14_0("14.0", 140, true),
    V14_1("14.1", 141, true),
    V16_0("16.0", 160, true),
    V16_1("16.1", 161, true);

    private final String text;
    private final int code;
    private final boolean base64Allowed;

    EasProtocolVersion(String text, int code, boolean base64Allowed) {
        this.text = text;
        this.code = code;
        this.base64Allowed = base64Allowed;
    }

    /** The header form, e.g. {@code 14.1}. */
    public String text() {
        return text;
    }

    /** The base64 Protocol version byte, e.g. 141. */
    public int code() {
        return code;
    }

    /** Whether a base64 query may carry this version (12.1 and later). */
    public boolean base64Allowed() {
        return base64Allowed;
    }

    /** Whether this version is {@code other} or a later one, e.g. whether a 16.1 request may carry a draft. */
    public boolean atLeast(EasProtocolVersion other) {
        return compareTo(other) >= 0;
    }

    /**
     * The version with this header text, for a version recorded earlier from a request (a device's), which is always
     * one of these.
     *
     * @throws IllegalArgumentException for text that names no version
     */
    public static EasProtocolVersion of(String text) {
        return forText(text).orElseThrow(() -> new IllegalArgumentException("No ActiveSync version " + text));
    }

    /** The version with this header text, compared exactly. */
    public static Optional<EasProtocolVersion> forText(String text) {
        for (EasProtocolVersion version : values()) {
            if (version.text.equals(text)) {
                return Optional.of(version);
            }
        }
        return Optional.empty();
    }

    /** The version with this base64 byte, among those a base64 query may carry. */
    public static Optional<EasProtocolVersion> forBase64Code(int code) {
        for (EasProtocolVersion version : values()) {
            if (version.code == code && version.base64Allowed) {
                return Optional.of(version);
            }
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return text;
    }
}
