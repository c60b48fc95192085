package org.atoll.eas;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.atoll.account.AccountView;
import org.atoll.account.SignIn;
import org.atoll.device.DeviceLimitReached;
import org.atoll.device.Devices;
import org.atoll.eas.command.ProvisionCommand;
import org.atoll.eas.request.EasCommand;
import org.atoll.eas.request.EasProtocolVersion;
import org.atoll.eas.request.EasRequest;
import org.atoll.eas.request.EasRequestException;
import org.atoll.eas.request.EasRequestParser;
import org.atoll.wbxml.WbxmlDecoder;
import org.atoll.wbxml.WbxmlElement;
import org.atoll.wbxml.WbxmlEncoder;
import org.atoll.wbxml.WbxmlException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RestController;

/**
 * The ActiveSync endpoint (MS-ASHTTP 2.2): every request line is parsed once, plain or base64, and checked before
 * any command runs. A command not served yet is answered with 501 and is not offered by OPTIONS.
 */
@RestController
class EasController {

    /** Protocol versions served (MS-ASHTTP 2.2.2.4, MS-ASProtocolVersions). */
    static final Set<EasProtocolVersion> VERSIONS =
            EnumSet.of(EasProtocolVersion.V12_1, EasProtocolVersion.V14_0, EasProtocolVersion.V14_1);

    /** Commands served (MS-ASHTTP 2.2.2.3, MS-ASProtocolCommands). */
    static final Set<EasCommand> COMMANDS = EnumSet.of(EasCommand.PROVISION);

    static final MediaType WBXML = MediaType.parseMediaType("application/vnd.ms-sync.wbxml");

    private static final String PATH = "/Microsoft-Server-ActiveSync";

    private final EasRequestParser parser = new EasRequestParser();
    private final EasProperties properties;
    private final SignIn signIn;
    private final Devices devices;
    private final ProvisionCommand provision;
    private final WbxmlDecoder decoder = new WbxmlDecoder();
    private final WbxmlEncoder encoder = new WbxmlEncoder();

    EasController(EasProperties properties, SignIn signIn, Devices devices, ProvisionCommand provision) {
        this.properties = properties;
        this.signIn = signIn;
        this.devices = devices;
        this.provision = provision;
    }

    @RequestMapping(path = PATH, method = RequestMethod.OPTIONS)
    ResponseEntity<Void> options() {
        return ResponseEntity.ok()
                .header(HttpHeaders.ALLOW, "OPTIONS,POST")
                .header("MS-Server-ActiveSync", "14.1")
                .header("MS-ASProtocolVersions", join(VERSIONS.stream().map(EasProtocolVersion::text)))
                .header("MS-ASProtocolCommands", join(COMMANDS.stream().map(EasCommand::commandName)))
                .build();
    }

    @RequestMapping(path = PATH, method = RequestMethod.POST)
    ResponseEntity<?> post(@AuthenticationPrincipal AccountView account, HttpServletRequest http) throws IOException {
        EasRequest request;
        try {
            request = parser.parse(http.getQueryString(), http::getHeader);
        } catch (EasRequestException e) {
            HttpStatus status = e.reason() == EasRequestException.Reason.UNKNOWN_COMMAND
                    ? HttpStatus.NOT_IMPLEMENTED
                    : HttpStatus.BAD_REQUEST;
            return plain(status, e.getMessage());
        }
        if (request.user() != null && !signIn.address(request.user()).equals(account.address())) {
            return plain(HttpStatus.FORBIDDEN, "The User parameter names another account");
        }
        if (!VERSIONS.contains(request.protocolVersion())) {
            return plain(
                    HttpStatus.BAD_REQUEST,
                    "Protocol version " + request.protocolVersion().text() + " is not served; see OPTIONS");
        }
        if (http.getContentLengthLong() > properties.maxRequestBytes()) {
            return plain(
                    HttpStatus.CONTENT_TOO_LARGE,
                    "The request body exceeds " + properties.maxRequestBytes() + " bytes");
        }
        try {
            devices.seen(
                    account.id(),
                    request.deviceId(),
                    request.deviceType(),
                    http.getHeader(HttpHeaders.USER_AGENT),
                    request.protocolVersion().text());
        } catch (DeviceLimitReached e) {
            return plain(HttpStatus.FORBIDDEN, e.getMessage());
        }
        if (!COMMANDS.contains(request.command())) {
            return plain(HttpStatus.NOT_IMPLEMENTED, request.command().commandName() + " is not served yet");
        }
        byte[] body = http.getInputStream()
                .readNBytes((int) Math.min(properties.maxRequestBytes() + 1, Integer.MAX_VALUE - 8));
        if (body.length > properties.maxRequestBytes()) {
            return plain(
                    HttpStatus.CONTENT_TOO_LARGE,
                    "The request body exceeds " + properties.maxRequestBytes() + " bytes");
        }
        WbxmlElement document;
        try {
            document = decoder.decode(body);
        } catch (WbxmlException e) {
            return plain(HttpStatus.BAD_REQUEST, "Malformed WBXML: " + e.getMessage());
        }
        WbxmlElement response = provision.handle(account.id(), request.deviceId(), document);
        return ResponseEntity.ok()
                .header("MS-Server-ActiveSync", "14.1")
                .contentType(WBXML)
                .body(encoder.encode(response));
    }

    private static ResponseEntity<String> plain(HttpStatus status, String message) {
        return ResponseEntity.status(status)
                .header("MS-Server-ActiveSync", "14.1")
                .contentType(MediaType.TEXT_PLAIN)
                .body(message);
    }

    private static String join(Stream<String> values) {
        return values.collect(Collectors.joining(","));
    }
}
