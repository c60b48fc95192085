package org.atoll.eas;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.time.Duration;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.atoll.account.AccountView;
import org.atoll.account.SignIn;
import org.atoll.database.AdmissionTimedOut;
import org.atoll.database.ServiceUnavailable;
import org.atoll.device.AccessState;
import org.atoll.device.DeviceLimitReached;
import org.atoll.device.DeviceView;
import org.atoll.device.Devices;
import org.atoll.device.Provisioning;
import org.atoll.eas.command.BodyCommand;
import org.atoll.eas.command.EasAnswer;
import org.atoll.eas.command.EasCommandHandler;
import org.atoll.eas.command.HttpCommand;
import org.atoll.eas.command.MessageCommand;
import org.atoll.eas.command.WaitingCommand;
import org.atoll.eas.message.MalformedRequest;
import org.atoll.eas.request.EasCommand;
import org.atoll.eas.request.EasProtocolVersion;
import org.atoll.eas.request.EasRequest;
import org.atoll.eas.request.EasRequestException;
import org.atoll.eas.request.EasRequestParser;
import org.atoll.push.ParkedLimitReached;
import org.atoll.push.PushProperties;
import org.atoll.shared.CrashPoint;
import org.atoll.wbxml.WbxmlDecoder;
import org.atoll.wbxml.WbxmlElement;
import org.atoll.wbxml.WbxmlException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.transaction.TransactionException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.async.DeferredResult;

/**
 * The ActiveSync endpoint (MS-ASHTTP 2.2): every request line is parsed once, plain or base64, and checked before
 * any command runs. A command not served yet, or not part of the request's protocol version (Find below 16.1), is
 * answered with 501; only served commands are offered by OPTIONS.
 */
@RestController
class EasController {

    /** Protocol versions served (MS-ASHTTP 2.2.2.4, MS-ASProtocolVersions). */
    static final Set<EasProtocolVersion> VERSIONS = EnumSet.of(
            EasProtocolVersion.V12_1,
            EasProtocolVersion.V14_0,
            EasProtocolVersion.V14_1,
            EasProtocolVersion.V16_0,
            EasProtocolVersion.V16_1);

    static final MediaType WBXML = MediaType.parseMediaType("application/vnd.ms-sync.wbxml");

    static final String PATH = "/Microsoft-Server-ActiveSync";

    /** MS-ASHTTP 2.2.2.2: the server's ActiveSync version, on every response. */
    static final String SERVER_HEADER = "MS-Server-ActiveSync";

    static final String SERVER_VERSION = EasProtocolVersion.V16_1.text();

    /** Common status 140, MS-ASCMD 2.2.2: a remote wipe is owed; the device must send Provision to receive it. */
    private static final int REMOTE_WIPE_REQUESTED = 140;

    /** HTTP 449, MS-ASHTTP 3.1.5.2: a 12.x device must send Provision before anything else. */
    private static final HttpStatusCode RETRY_AFTER_PROVISION = HttpStatusCode.valueOf(449);

    /** Common status 177, MS-ASCMD 2.2.2: the account has as many devices as it may. */
    private static final int MAXIMUM_DEVICES_REACHED = 177;

    /** Common status 129, MS-ASCMD 2.2.2: the device is blocked for this user. */
    private static final int DEVICE_BLOCKED = 129;

    /**
     * What a quarantined device is still served, as Exchange does: it may provision, report itself and see the
     * folder hierarchy, but every command that reads or changes content is refused like a blocked device's
     * (Status 129, HTTP 403 for 12.x) until an administrator releases it.
     */
    private static final Set<EasCommand> QUARANTINE_SERVES =
            EnumSet.of(EasCommand.PROVISION, EasCommand.SETTINGS, EasCommand.FOLDER_SYNC);

    /** How long a device refused for want of room (HTTP 503) is asked to wait before it asks again. */
    static final String RETRY_AFTER_SECONDS = "60";

    /** How much longer than the longest heartbeat the servlet container keeps a parked request. */
    private static final Duration ASYNC_GRACE = Duration.ofMinutes(1);

    private static final Logger log = LoggerFactory.getLogger(EasController.class);

    private final EasRequestParser parser = new EasRequestParser();
    private final EasProperties properties;
    private final PushProperties push;
    private final SignIn signIn;
    private final Devices devices;
    private final Map<EasCommand, EasCommandHandler> handlers = new EnumMap<>(EasCommand.class);
    private final WbxmlDecoder decoder = new WbxmlDecoder();

    EasController(
            EasProperties properties,
            SignIn signIn,
            Devices devices,
            List<EasCommandHandler> handlers,
            PushProperties push) {
        this.push = push;
        handlers.forEach(handler -> this.handlers.put(handler.command(), handler));
        this.properties = properties;
        this.signIn = signIn;
        this.devices = devices;
    }

    @RequestMapping(path = PATH, method = RequestMethod.OPTIONS)
    ResponseEntity<Void> options() {
        return ResponseEntity.ok()
                .header(HttpHeaders.ALLOW, "OPTIONS,POST")
                .header(SERVER_HEADER, SERVER_VERSION)
                .header("MS-ASProtocolVersions", join(VERSIONS.stream().map(EasProtocolVersion::text)))
                .header("MS-ASProtocolCommands", join(handlers.keySet().stream().map(EasCommand::commandName)))
                .build();
    }

    /**
     * The envelope every command runs in. Checks run in this order, each answering before any later one is reached:
     * the request line, the User parameter, the protocol version, the body size, a disabled account (or one without
     * ActiveSync), the device registry, the command, the WBXML body, then the admission of the device
     * ({@link #admission}). A request admitted is read into the command's request record, and one that is not the
     * command's document gets the Status its reader names; only then does the command run. Protocol 14.0 and later
     * gets refusals as the command's own Status; 12.x, and a command without a WBXML response (GetAttachment), as
     * HTTP status codes. Returns a response, or a {@link DeferredResult} for a request that waits for a change.
     */
    @RequestMapping(path = PATH, method = RequestMethod.POST)
    Object post(@AuthenticationPrincipal AccountView account, HttpServletRequest http) throws IOException {
        EasRequest request;
        try {
            request = parser.parse(http.getQueryString(), http::getHeader);
        } catch (EasRequestException e) {
            HttpStatus status = e.reason() == EasRequestException.Reason.UNKNOWN_COMMAND
                    ? HttpStatus.NOT_IMPLEMENTED
                    : HttpStatus.BAD_REQUEST;
            return plain(status, e.getMessage());
        }
        EasRequestMetrics.command(http, request.command().commandName());
        EasCommandHandler handler = Optional.ofNullable(handlers.get(request.command()))
                .filter(served -> served.servedAt(request.protocolVersion()))
                .orElse(null);
        boolean wbxmlStatuses = request.protocolVersion().atLeast(EasProtocolVersion.V14_0)
                && (handler == null || handler instanceof EasCommandHandler.Answering);
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
        if ((!account.enabled() || !account.easEnabled())
                && devices.find(account.id(), request.deviceId())
                        .map(known -> !known.wipeState().owed())
                        .orElse(true)) {
            return plain(
                    HttpStatus.FORBIDDEN,
                    account.enabled() ? "ActiveSync is disabled for this account" : "The account is disabled");
        }
        Devices.Arrival arrival;
        try {
            arrival = devices.arrived(
                    account.id(),
                    request.deviceId(),
                    request.deviceType(),
                    http.getHeader(HttpHeaders.USER_AGENT),
                    request.protocolVersion().text());
        } catch (DeviceLimitReached e) {
            return refuse(
                    handler, wbxmlStatuses, new Refusal(MAXIMUM_DEVICES_REACHED, HttpStatus.FORBIDDEN, e.getMessage()));
        }
        DeviceView device = arrival.device();
        EasRequestMetrics.device(http, device);
        if (handler == null) {
            return plain(
                    HttpStatus.NOT_IMPLEMENTED,
                    request.command().commandName()
                            + (handlers.containsKey(request.command())
                                    ? " is not part of protocol "
                                            + request.protocolVersion().text()
                                    : " is not served yet"));
        }
        byte[] body = http.getInputStream()
                .readNBytes((int) Math.min(properties.maxRequestBytes() + 1, Integer.MAX_VALUE - 8));
        if (body.length > properties.maxRequestBytes()) {
            return plain(
                    HttpStatus.CONTENT_TOO_LARGE,
                    "The request body exceeds " + properties.maxRequestBytes() + " bytes");
        }
        @Nullable WbxmlElement document = null;
        boolean documentExpected = switch (handler) {
            case MessageCommand<?, ?> _ -> true;
            case WaitingCommand _ -> body.length > 0;
            case BodyCommand _, HttpCommand _ -> false;
        };
        if (documentExpected) {
            try {
                document = decoder.decode(body);
            } catch (WbxmlException e) {
                return plain(HttpStatus.BAD_REQUEST, "Malformed WBXML: " + e.getMessage());
            }
        }
        Optional<Refusal> refusal = admission(request, arrival, handler);
        if (refusal.isPresent()) {
            return refuse(handler, wbxmlStatuses, refusal.get());
        }
        EasAnswer answer;
        try {
            answer = switch (handler) {
                case MessageCommand<?, ?> command -> serve(command, account.id(), device, required(document));
                case WaitingCommand command -> command.answer(account.id(), device, document);
                case BodyCommand command -> command.handle(account.id(), device, request, body);
                case HttpCommand command -> command.handle(account.id(), device, request);
            };
        } catch (ParkedLimitReached e) {
            return busy(e.getMessage());
        }
        CrashPoint.reached(CrashPoint.EAS_ANSWERED + request.command().commandName());
        return respond(answer);
    }

    /**
     * Whether the device may run the command, in Exchange's order: an owed remote wipe (only Provision, which delivers
     * it), a blocked device, a quarantined one (only {@link #QUARANTINE_SERVES}), then the policy key of every
     * command but Provision (MS-ASCMD 2.2.2, MS-ASPROV 3.2.5.1).
     */
    private Optional<Refusal> admission(EasRequest request, Devices.Arrival arrival, EasCommandHandler handler) {
        DeviceView device = arrival.device();
        boolean wipeOwed = device.wipeState().owed();
        if (wipeOwed && handler.command() != EasCommand.PROVISION) {
            return Optional.of(new Refusal(REMOTE_WIPE_REQUESTED, RETRY_AFTER_PROVISION, "Provision first"));
        }
        if (device.accessState() == AccessState.BLOCKED && !wipeOwed) {
            return Optional.of(new Refusal(DEVICE_BLOCKED, HttpStatus.FORBIDDEN, "This device is blocked"));
        }
        if (device.accessState() == AccessState.QUARANTINED
                && !wipeOwed
                && !QUARANTINE_SERVES.contains(handler.command())) {
            return Optional.of(new Refusal(
                    DEVICE_BLOCKED,
                    HttpStatus.FORBIDDEN,
                    "This device is quarantined until an administrator releases it"));
        }
        if (!handler.needsPolicy()) {
            return Optional.empty();
        }
        return policyRefusal(request, arrival.policy())
                .map(policy -> new Refusal(policy.code, RETRY_AFTER_PROVISION, "Provision first"));
    }

    /**
     * A request refused before its command ran: from protocol 14.0 the command's response with {@code status}
     * (MS-ASCMD 2.2.2), else the HTTP status.
     */
    private record Refusal(int status, HttpStatusCode http, String message) {}

    private ResponseEntity<?> refuse(@Nullable EasCommandHandler handler, boolean wbxmlStatuses, Refusal refusal) {
        if (wbxmlStatuses && handler instanceof EasCommandHandler.Answering answering) {
            return wbxml(answering.refused(refusal.status()));
        }
        return plain(refusal.http(), refusal.message());
    }

    /**
     * A command's request read into its record, served, and its response written; a document that is not the
     * command's is answered with the Status its reader names, and the command does not run.
     */
    private static <Q, R> EasAnswer serve(
            MessageCommand<Q, R> command, long accountId, DeviceView device, WbxmlElement document) {
        Q request;
        try {
            request = command.message().read(document);
        } catch (MalformedRequest e) {
            return EasAnswer.now(command.refused(e.status().code()));
        }
        return EasAnswer.now(command.message().write(command.serve(accountId, device, request)));
    }

    private static WbxmlElement required(@Nullable WbxmlElement document) {
        if (document == null) {
            throw new IllegalStateException("A command that reads a document was given none");
        }
        return document;
    }

    private Object respond(EasAnswer answer) {
        return switch (answer) {
            case EasAnswer.Now(WbxmlElement response) -> wbxml(response);
            case EasAnswer.Later<?> later -> later(later);
            case EasAnswer.Empty _ ->
                ResponseEntity.ok().header(SERVER_HEADER, SERVER_VERSION).build();
            case EasAnswer.Http(int status, String message) ->
                status == HttpStatus.SERVICE_UNAVAILABLE.value()
                        ? busy(message)
                        : plain(HttpStatusCode.valueOf(status), message);
            case EasAnswer.Bytes(String contentType, byte[] content) ->
                ResponseEntity.ok()
                        .header(SERVER_HEADER, SERVER_VERSION)
                        .contentType(mediaType(contentType))
                        .body(content);
        };
    }

    /**
     * The database could not be reached, timed out or refused the write (restarting, read-only): the command's
     * transaction rolled back, so the device may send the same request again, with the same SyncKey (MS-ASHTTP
     * 3.2.5.1, HTTP 503 with Retry-After).
     */
    @ExceptionHandler({DataAccessException.class, TransactionException.class})
    ResponseEntity<String> databaseUnavailable(RuntimeException e) {
        log.warn("An ActiveSync request met an unavailable database: {}", e.toString());
        return busy("The database is unavailable; try again later");
    }

    /** HTTP 503 with Retry-After (MS-ASHTTP 3.2.5.1): the device asks again later; other accounts are served. */
    private static ResponseEntity<String> busy(String message) {
        return serviceUnavailable(message, RETRY_AFTER_SECONDS).toResponseEntity();
    }

    /** A device's HTTP 503: plain text, with the server's ActiveSync version as on every response. */
    static ServiceUnavailable serviceUnavailable(String message, String retryAfterSeconds) {
        return new ServiceUnavailable(retryAfterSeconds, MediaType.TEXT_PLAIN, message)
                .withHeader(SERVER_HEADER, SERVER_VERSION);
    }

    /** A stored attachment's media type, or application/octet-stream when it does not parse. */
    private static MediaType mediaType(String contentType) {
        try {
            return MediaType.parseMediaType(contentType);
        } catch (InvalidMediaTypeException e) {
            return MediaType.APPLICATION_OCTET_STREAM;
        }
    }

    /**
     * A parked request (Ping, hanging Sync) holds no thread while it waits: Servlet async processing keeps the
     * connection, and the answer is built and written when the wait ends. One that ended before this returns is
     * answered as any other. An answer that needed a database slot after the wait and found none in time is HTTP
     * 503 with Retry-After, as for a request refused when it arrived ({@link EasAdmission}).
     */
    private <T> Object later(EasAnswer.Later<T> later) {
        CompletableFuture<T> source = later.source();
        if (source.isDone() && !source.isCompletedExceptionally()) {
            return optionalWbxml(later.map().apply(source.join()));
        }
        DeferredResult<ResponseEntity<?>> deferred = new DeferredResult<>(
                push.maxHeartbeat().plus(ASYNC_GRACE).toMillis(),
                () -> optionalWbxml(later.fallback().get()));
        deferred.onCompletion(() -> source.cancel(false));
        deferred.onError(failure -> source.cancel(false));
        source.whenComplete((value, failure) -> {
            if (failure == null) {
                try {
                    deferred.setResult(optionalWbxml(later.map().apply(value)));
                    return;
                } catch (AdmissionTimedOut e) {
                    deferred.setResult(serviceUnavailable(e.getMessage(), EasAdmission.RETRY_AFTER_SECONDS)
                            .toResponseEntity());
                    return;
                } catch (RuntimeException e) {
                    failure = e;
                }
            }
            if (!source.isCancelled()) {
                log.warn("A parked request failed: {}", failure.toString());
                deferred.setResult(optionalWbxml(later.fallback().get()));
            }
        });
        return deferred;
    }

    private ResponseEntity<?> optionalWbxml(Optional<WbxmlElement> response) {
        return response.<ResponseEntity<?>>map(this::wbxml)
                .orElseGet(() -> ResponseEntity.ok()
                        .header(SERVER_HEADER, SERVER_VERSION)
                        .build());
    }

    private ResponseEntity<WbxmlElement> wbxml(WbxmlElement response) {
        return ResponseEntity.ok()
                .header(SERVER_HEADER, SERVER_VERSION)
                .contentType(WBXML)
                .body(response);
    }

    /** Why a command is refused for want of the current policy, MS-ASCMD 2.2.2 (common status codes). */
    enum PolicyRefusal {
        NOT_PROVISIONED(142),
        POLICY_REFRESH(143),
        INVALID_POLICY_KEY(144);

        final int code;

        PolicyRefusal(int code) {
            this.code = code;
        }
    }

    private static Optional<PolicyRefusal> policyRefusal(EasRequest request, Optional<Provisioning.PolicyCheck> check) {
        if (!request.hasPolicyKey() || check.isEmpty()) {
            return Optional.of(PolicyRefusal.NOT_PROVISIONED);
        }
        if (check.get().policyKey() != request.policyKey()) {
            return Optional.of(PolicyRefusal.INVALID_POLICY_KEY);
        }
        if (!check.get().holdsCurrent()) {
            return Optional.of(PolicyRefusal.POLICY_REFRESH);
        }
        return Optional.empty();
    }

    private static ResponseEntity<String> plain(HttpStatusCode status, String message) {
        return ResponseEntity.status(status)
                .header(SERVER_HEADER, SERVER_VERSION)
                .contentType(MediaType.TEXT_PLAIN)
                .body(message);
    }

    private static String join(Stream<String> values) {
        return values.collect(Collectors.joining(","));
    }
}
