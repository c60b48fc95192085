package org.atoll.eas.request;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.Function;
import org.atoll.eas.request.EasRequestException.Reason;
import org.jspecify.annotations.Nullable;

/**
 * Turns the query of an ActiveSync request URI and its headers into an {@link EasRequest} (MS-ASHTTP 2.2.1.1). The
 * parser is total: any input yields a request or an {@link EasRequestException}, in time and memory linear in the
 * query, which is at most {@link #MAX_QUERY_LENGTH} characters.
 *
 * <p><b>Which form.</b> A query holding {@code &} or an {@code =} followed by anything but padding is a plain query
 * (MS-ASHTTP 2.2.1.1.1.2); any other is a base64 query (MS-ASHTTP 2.2.1.1.1.1). Base64 has no {@code &} and only
 * trailing {@code =}, so no valid base64 query is taken for a plain one. The raw query may hold only visible ASCII
 * (RFC 3986 section 3.4); it is percent-decoded exactly once, as UTF-8, and {@code +} stays {@code +}.
 *
 * <p><b>Plain query.</b> Parameter names and the command name ignore ASCII case, as ABNF strings do (RFC 5234
 * section 2.3). {@code Cmd}, {@code DeviceId} and {@code DeviceType} are required; {@code User}, the command
 * parameters of {@link EasParameter} and {@code SaveInSent} ({@code T} or {@code F}) are optional; each may appear
 * once, in any order (the ABNF fixes an order that clients do not keep). Other names are ignored. The version comes
 * from the {@value #PROTOCOL_VERSION_HEADER} header (required), the policy key from {@value #POLICY_KEY_HEADER}
 * (MS-ASHTTP 2.2.1.1.2.8; absent means 0) and {@link EasOption#ACCEPT_MULTI_PART} from
 * {@value #ACCEPT_MULTI_PART_HEADER} (MS-ASHTTP 2.2.1.1.2.5).
 *
 * <p><b>Base64 query.</b> Standard alphabet (RFC 4648 section 4), padding optional, percent-escaped or not. The bytes
 * are: Protocol version, Command code, Locale (uint16 little-endian), Device ID length and Device ID, Policy key length
 * (0 or 4) and Policy key (uint32 little-endian), Device type length and Device type, then command parameters, each a
 * tag byte, a length byte and the value, to the end. Tags 2 (CollectionName) and 5 (ParentId), which earlier versions
 * of MS-ASHTTP listed, are skipped; other unlisted tags are rejected. Headers are not read for a base64 query: the
 * fields replace them (MS-ASHTTP 2.2.1.1.2.6, 2.2.1.1.2.8).
 *
 * <p><b>Device ID.</b> A device ID is 1 to {@link #MAX_DEVICE_ID_LENGTH} ASCII letters and digits, the ABNF
 * {@code device-id} of MS-ASHTTP 2.2.1.1.1.2 (2.2.1.1.1.2.3: no commas or special characters). A base64 Device ID is
 * "a string or a GUID" (MS-ASHTTP 2.2.1.1.1.1): bytes that are all letters and digits, at most 32, are taken as that
 * text; other bytes, at most 16 (a GUID), are given as upper-case hex, 32 characters for a GUID, so the same device
 * always yields the same ID and the ID always fits the plain form's rule.
 *
 * <p>The {@code header} function must look names up ignoring case (RFC 9110 section 5.1); this class asks for the
 * names spelled as the specification spells them.
 */
public final class EasRequestParser {

    /** Longest raw query accepted, in characters. */
    public static final int MAX_QUERY_LENGTH = 2048;
    /** Longest device ID, in characters: {@code device-id = 1*32(ALPHA / DIGIT)} (MS-ASHTTP 2.2.1.1.1.2). */
    public static final int MAX_DEVICE_ID_LENGTH = 32;
    /** Longest binary base64 Device ID, in bytes: a GUID. */
    public static final int MAX_BINARY_DEVICE_ID_BYTES = 16;
    /** Longest device type, in characters; MS-ASHTTP 2.2.1.1.1.2 sets no maximum ({@code 1*VCHAR}), Atoll does. */
    public static final int MAX_DEVICE_TYPE_LENGTH = 32;
    /** Longest {@code User}, in characters: a 64-character local part, {@code @}, a 255-character domain. */
    public static final int MAX_USER_LENGTH = 320;

    public static final String PROTOCOL_VERSION_HEADER = "MS-ASProtocolVersion";
    public static final String POLICY_KEY_HEADER = "X-MS-PolicyKey";
    public static final String ACCEPT_MULTI_PART_HEADER = "MS-ASAcceptMultiPart";

    private static final int TAG_COLLECTION_NAME = 2;
    private static final int TAG_PARENT_ID = 5;
    private static final int TAG_OPTIONS = 7;
    private static final int TAG_USER = 8;

    private static final String CMD = "cmd";
    private static final String USER = "user";
    private static final String DEVICE_ID = "deviceid";
    private static final String DEVICE_TYPE = "devicetype";
    private static final String SAVE_IN_SENT = "saveinsent";

    /**
     * Parses one request.
     *
     * @param rawQuery the query of the request URI as received, not decoded, without {@code ?}; null when there is none
     * @param header the value of the named request header or null; it must match names ignoring case
     */
    public EasRequest parse(@Nullable String rawQuery, Function<String, @Nullable String> header)
            throws EasRequestException {
        String query = rawQuery == null ? "" : rawQuery;
        if (query.length() > MAX_QUERY_LENGTH) {
            throw new EasRequestException(
                    Reason.QUERY_TOO_LONG, query.length() + " characters, at most " + MAX_QUERY_LENGTH);
        }
        for (int i = 0; i < query.length(); i++) {
            char c = query.charAt(i);
            if (c < 0x21 || c > 0x7E) {
                throw new EasRequestException(Reason.MALFORMED_QUERY, "character " + (int) c + " at " + i);
            }
        }
        return isPlain(query) ? parsePlain(query, header) : parseBase64(query);
    }

    private static boolean isPlain(String query) {
        if (query.isEmpty() || query.indexOf('&') >= 0) {
            return true;
        }
        int equals = query.indexOf('=');
        if (equals < 0) {
            return false;
        }
        for (int i = equals; i < query.length(); i++) {
            if (query.charAt(i) != '=') {
                return true;
            }
        }
        return false;
    }

    // MS-ASHTTP 2.2.1.1.1.2

    private static EasRequest parsePlain(String query, Function<String, @Nullable String> header)
            throws EasRequestException {
        Map<String, String> fields = new HashMap<>();
        Map<EasParameter, String> parameters = new EnumMap<>(EasParameter.class);
        int start = 0;
        while (start <= query.length()) {
            int end = query.indexOf('&', start);
            if (end < 0) {
                end = query.length();
            }
            if (end > start) {
                readPlainParameter(query.substring(start, end), fields, parameters);
            }
            start = end + 1;
        }

        String commandName = fields.get(CMD);
        if (commandName == null || commandName.isEmpty()) {
            throw new EasRequestException(Reason.MISSING_COMMAND, "no Cmd parameter");
        }
        EasCommand command = EasCommand.forName(commandName)
                .orElseThrow(() -> new EasRequestException(Reason.UNKNOWN_COMMAND, "Cmd " + printable(commandName)));

        String deviceId = fields.get(DEVICE_ID);
        if (deviceId == null || deviceId.isEmpty()) {
            throw new EasRequestException(Reason.MISSING_DEVICE_ID, "no DeviceId parameter");
        }
        checkDeviceId(deviceId);
        String deviceType = fields.get(DEVICE_TYPE);
        if (deviceType == null || deviceType.isEmpty()) {
            throw new EasRequestException(Reason.MISSING_DEVICE_TYPE, "no DeviceType parameter");
        }
        checkDeviceType(deviceType);
        String user = fields.get(USER);
        if (user != null) {
            checkUser(user);
        }

        String versionText = header.apply(PROTOCOL_VERSION_HEADER);
        if (versionText == null) {
            throw new EasRequestException(Reason.MISSING_PROTOCOL_VERSION, "no " + PROTOCOL_VERSION_HEADER + " header");
        }
        EasProtocolVersion version = EasProtocolVersion.forText(versionText.strip())
                .orElseThrow(() -> new EasRequestException(
                        Reason.UNSUPPORTED_VERSION, PROTOCOL_VERSION_HEADER + " " + printable(versionText)));

        Set<EasOption> options = EnumSet.noneOf(EasOption.class);
        String saveInSent = fields.get(SAVE_IN_SENT);
        if (saveInSent != null && readFlag(saveInSent, "SaveInSent")) {
            options.add(EasOption.SAVE_IN_SENT);
        }
        String acceptMultiPart = header.apply(ACCEPT_MULTI_PART_HEADER);
        if (acceptMultiPart != null && readFlag(acceptMultiPart.strip(), ACCEPT_MULTI_PART_HEADER)) {
            options.add(EasOption.ACCEPT_MULTI_PART);
        }

        return new EasRequest(
                command,
                user,
                deviceId,
                deviceType,
                version,
                policyKeyHeader(header.apply(POLICY_KEY_HEADER)),
                OptionalInt.empty(),
                parameters,
                options);
    }

    private static void readPlainParameter(
            String segment, Map<String, String> fields, Map<EasParameter, String> parameters)
            throws EasRequestException {
        int equals = segment.indexOf('=');
        if (equals < 0) {
            throw new EasRequestException(Reason.MALFORMED_QUERY, "parameter without '=': " + printable(segment));
        }
        String name = percentDecode(segment.substring(0, equals));
        String value = percentDecode(segment.substring(equals + 1));
        String key = name.toLowerCase(Locale.ROOT);
        switch (key) {
            case CMD, USER, DEVICE_ID, DEVICE_TYPE, SAVE_IN_SENT -> {
                if (fields.putIfAbsent(key, value) != null) {
                    throw new EasRequestException(Reason.DUPLICATE_PARAMETER, printable(name) + " given twice");
                }
            }
            default -> {
                var parameter = EasParameter.forName(name);
                if (parameter.isPresent()) {
                    checkParameterValue(parameter.get(), value);
                    if (parameters.putIfAbsent(parameter.get(), value) != null) {
                        throw new EasRequestException(Reason.DUPLICATE_PARAMETER, printable(name) + " given twice");
                    }
                }
            }
        }
    }

    private static boolean readFlag(String value, String name) throws EasRequestException {
        if (value.equalsIgnoreCase("T")) {
            return true;
        }
        if (value.equalsIgnoreCase("F")) {
            return false;
        }
        throw new EasRequestException(Reason.INVALID_PARAMETER, name + " must be T or F: " + printable(value));
    }

    private static long policyKeyHeader(@Nullable String value) throws EasRequestException {
        if (value == null) {
            return 0;
        }
        String digits = value.strip();
        if (digits.isEmpty() || digits.length() > 10) {
            throw new EasRequestException(Reason.INVALID_POLICY_KEY, POLICY_KEY_HEADER + " " + printable(value));
        }
        long key = 0;
        for (int i = 0; i < digits.length(); i++) {
            char c = digits.charAt(i);
            if (c < '0' || c > '9') {
                throw new EasRequestException(Reason.INVALID_POLICY_KEY, POLICY_KEY_HEADER + " " + printable(value));
            }
            key = key * 10 + (c - '0');
        }
        if (key > 0xFFFF_FFFFL) {
            throw new EasRequestException(Reason.INVALID_POLICY_KEY, POLICY_KEY_HEADER + " above 2^32 - 1");
        }
        return key;
    }

    private static String percentDecode(String text) throws EasRequestException {
        byte[] bytes = new byte[text.length()];
        int length = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '%') {
                int high = i + 1 < text.length() ? Character.digit(text.charAt(i + 1), 16) : -1;
                int low = i + 2 < text.length() ? Character.digit(text.charAt(i + 2), 16) : -1;
                if (high < 0 || low < 0) {
                    throw new EasRequestException(Reason.MALFORMED_QUERY, "bad percent escape in " + printable(text));
                }
                bytes[length++] = (byte) (high << 4 | low);
                i += 2;
            } else {
                bytes[length++] = (byte) c;
            }
        }
        return utf8(bytes, 0, length, Reason.MALFORMED_QUERY);
    }

    // MS-ASHTTP 2.2.1.1.1.1

    private static EasRequest parseBase64(String query) throws EasRequestException {
        Cursor in = new Cursor(base64Decode(percentDecode(query)));

        int versionCode = in.u8("Protocol version");
        EasProtocolVersion version = EasProtocolVersion.forBase64Code(versionCode)
                .orElseThrow(
                        () -> new EasRequestException(Reason.UNSUPPORTED_VERSION, "Protocol version " + versionCode));
        int commandCode = in.u8("Command code");
        EasCommand command = EasCommand.forCode(commandCode)
                .orElseThrow(() -> new EasRequestException(Reason.UNKNOWN_COMMAND, "Command code " + commandCode));
        int locale = in.u8("Locale") | in.u8("Locale") << 8;

        int deviceIdLength = in.u8("Device ID length");
        if (deviceIdLength == 0) {
            throw new EasRequestException(Reason.INVALID_DEVICE_ID, "Device ID length 0");
        }
        String deviceId = deviceIdText(in.bytes(deviceIdLength, "Device ID"));

        int policyKeyLength = in.u8("Policy key length");
        long policyKey = switch (policyKeyLength) {
            case 0 -> 0;
            case 4 -> {
                byte[] key = in.bytes(4, "Policy key");
                yield (key[0] & 0xFFL) | (key[1] & 0xFFL) << 8 | (key[2] & 0xFFL) << 16 | (key[3] & 0xFFL) << 24;
            }
            default ->
                throw new EasRequestException(
                        Reason.INVALID_POLICY_KEY, "Policy key length " + policyKeyLength + ", not 0 or 4");
        };

        int deviceTypeLength = in.u8("Device type length");
        if (deviceTypeLength == 0) {
            throw new EasRequestException(Reason.MISSING_DEVICE_TYPE, "Device type length 0");
        }
        byte[] deviceTypeBytes = in.bytes(deviceTypeLength, "Device type");
        String deviceType = new String(deviceTypeBytes, StandardCharsets.ISO_8859_1);
        checkDeviceType(deviceType);

        @Nullable String user = null;
        Map<EasParameter, String> parameters = new EnumMap<>(EasParameter.class);
        Set<EasOption> options = EnumSet.noneOf(EasOption.class);
        boolean sawOptions = false;
        while (in.remaining() > 0) {
            int tag = in.u8("command parameter tag");
            int length = in.u8("command parameter length");
            byte[] value = in.bytes(length, "command parameter value");
            switch (tag) {
                case TAG_OPTIONS -> {
                    if (sawOptions) {
                        throw new EasRequestException(Reason.DUPLICATE_PARAMETER, "Options given twice");
                    }
                    if (length != 1) {
                        throw new EasRequestException(Reason.INVALID_PARAMETER, "Options length " + length + ", not 1");
                    }
                    sawOptions = true;
                    options.addAll(EasOption.fromBits(value[0] & 0xFF));
                }
                case TAG_USER -> {
                    if (user != null) {
                        throw new EasRequestException(Reason.DUPLICATE_PARAMETER, "User given twice");
                    }
                    user = utf8(value, 0, length, Reason.INVALID_USER);
                    checkUser(user);
                }
                case TAG_COLLECTION_NAME, TAG_PARENT_ID -> {
                    // obsolete; skipped
                }
                default -> {
                    EasParameter parameter = EasParameter.forTag(tag)
                            .orElseThrow(() ->
                                    new EasRequestException(Reason.UNKNOWN_PARAMETER, "command parameter tag " + tag));
                    String text = utf8(value, 0, length, Reason.INVALID_PARAMETER);
                    checkParameterValue(parameter, text);
                    if (parameters.putIfAbsent(parameter, text) != null) {
                        throw new EasRequestException(
                                Reason.DUPLICATE_PARAMETER, parameter.parameterName() + " given twice");
                    }
                }
            }
        }
        return new EasRequest(
                command, user, deviceId, deviceType, version, policyKey, OptionalInt.of(locale), parameters, options);
    }

    private static byte[] base64Decode(String text) throws EasRequestException {
        int padding = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean alphabet =
                    (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' || c == '/';
            if (c == '=') {
                padding++;
            } else if (!alphabet || padding > 0) {
                throw new EasRequestException(Reason.MALFORMED_BASE64, "not base64 at character " + i);
            }
        }
        if (padding > 2 || (padding > 0 && text.length() % 4 != 0) || (text.length() - padding) % 4 == 1) {
            throw new EasRequestException(Reason.MALFORMED_BASE64, "bad length or padding");
        }
        try {
            return Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw new EasRequestException(
                    Reason.MALFORMED_BASE64, e.getMessage() == null ? "rejected" : e.getMessage());
        }
    }

    private static String deviceIdText(byte[] bytes) throws EasRequestException {
        boolean text = bytes.length <= MAX_DEVICE_ID_LENGTH;
        for (byte b : bytes) {
            text &= isAlphanumeric((char) (b & 0xFF));
        }
        if (text) {
            return new String(bytes, StandardCharsets.US_ASCII);
        }
        if (bytes.length > MAX_BINARY_DEVICE_ID_BYTES) {
            throw new EasRequestException(
                    Reason.INVALID_DEVICE_ID, bytes.length + " bytes, neither letters and digits nor a GUID");
        }
        return HexFormat.of().withUpperCase().formatHex(bytes);
    }

    // shared checks

    private static void checkDeviceId(String deviceId) throws EasRequestException {
        if (deviceId.length() > MAX_DEVICE_ID_LENGTH) {
            throw new EasRequestException(
                    Reason.INVALID_DEVICE_ID, deviceId.length() + " characters, at most " + MAX_DEVICE_ID_LENGTH);
        }
        for (int i = 0; i < deviceId.length(); i++) {
            if (!isAlphanumeric(deviceId.charAt(i))) {
                throw new EasRequestException(Reason.INVALID_DEVICE_ID, "not a letter or digit at " + i);
            }
        }
    }

    private static void checkDeviceType(String deviceType) throws EasRequestException {
        if (deviceType.length() > MAX_DEVICE_TYPE_LENGTH) {
            throw new EasRequestException(
                    Reason.INVALID_DEVICE_TYPE, deviceType.length() + " characters, at most " + MAX_DEVICE_TYPE_LENGTH);
        }
        for (int i = 0; i < deviceType.length(); i++) {
            char c = deviceType.charAt(i);
            if (c < 0x21 || c > 0x7E) {
                throw new EasRequestException(Reason.INVALID_DEVICE_TYPE, "not visible ASCII at " + i);
            }
        }
    }

    private static void checkUser(String user) throws EasRequestException {
        if (user.isEmpty() || user.length() > MAX_USER_LENGTH) {
            throw new EasRequestException(
                    Reason.INVALID_USER, user.length() + " characters, 1 to " + MAX_USER_LENGTH + " allowed");
        }
        if (hasControl(user)) {
            throw new EasRequestException(Reason.INVALID_USER, "control character");
        }
    }

    private static void checkParameterValue(EasParameter parameter, String value) throws EasRequestException {
        if (value.isEmpty() || hasControl(value)) {
            throw new EasRequestException(
                    Reason.INVALID_PARAMETER, parameter.parameterName() + " is empty or holds a control character");
        }
    }

    private static boolean hasControl(String text) {
        return text.codePoints().anyMatch(Character::isISOControl);
    }

    private static boolean isAlphanumeric(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    }

    private static String utf8(byte[] bytes, int offset, int length, Reason reason) throws EasRequestException {
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, offset, length))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new EasRequestException(reason, "not UTF-8");
        }
    }

    /** Text for a message: at most 64 characters, controls and non-ASCII as {@code ?}. */
    private static String printable(String text) {
        StringBuilder out = new StringBuilder(Math.min(text.length(), 64) + 3);
        for (int i = 0; i < text.length() && i < 64; i++) {
            char c = text.charAt(i);
            out.append(c >= 0x20 && c < 0x7F ? c : '?');
        }
        return text.length() > 64 ? out.append("...").toString() : out.toString();
    }

    /** Reads the base64 bytes front to back; running past the end is {@link Reason#TRUNCATED}. */
    private static final class Cursor {
        private final byte[] bytes;
        private int position;

        Cursor(byte[] bytes) {
            this.bytes = bytes;
        }

        int remaining() {
            return bytes.length - position;
        }

        int u8(String field) throws EasRequestException {
            if (position >= bytes.length) {
                throw new EasRequestException(Reason.TRUNCATED, "ends before " + field + " at byte " + position);
            }
            return bytes[position++] & 0xFF;
        }

        byte[] bytes(int length, String field) throws EasRequestException {
            if (length > remaining()) {
                throw new EasRequestException(
                        Reason.TRUNCATED,
                        field + " of " + length + " bytes at byte " + position + ", " + remaining() + " left");
            }
            byte[] out = new byte[length];
            System.arraycopy(bytes, position, out, 0, length);
            position += length;
            return out;
        }
    }
}
