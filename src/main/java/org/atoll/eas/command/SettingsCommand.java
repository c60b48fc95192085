package org.atoll.eas.command;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import org.atoll.account.AccountView;
import org.atoll.account.Accounts;
import org.atoll.device.DeviceView;
import org.atoll.device.Devices;
import org.atoll.eas.request.EasCommand;
import org.atoll.eas.request.EasProtocolVersion;
import org.atoll.mail.InvalidOofSettings;
import org.atoll.mail.OofReply;
import org.atoll.mail.OofSettings;
import org.atoll.mail.OofState;
import org.atoll.mail.OutOfOffice;
import org.atoll.mime.Bodies;
import org.atoll.wbxml.CodePage;
import org.atoll.wbxml.WbxmlElement;
import org.springframework.stereotype.Component;

/**
 * Settings (MS-ASCMD 2.2.1.18): the device reports itself (DeviceInformation Set), asks for the user's addresses
 * (UserInformation Get), and reads and sets Out of Office (Oof Get and Set, {@link OutOfOffice}).
 */
@Component
public class SettingsCommand implements EasCommandHandler {

    /** Settings Status values, MS-ASCMD 2.2.3.177.17. */
    enum Status {
        SUCCESS(1),
        PROTOCOL_ERROR(2),
        ACCESS_DENIED(3);

        final int code;

        Status(int code) {
            this.code = code;
        }
    }

    private static final CodePage S = CodePage.SETTINGS;

    /** MS-ASDTYPE 2.3 dateTime as ActiveSync writes it. */
    private static final DateTimeFormatter DATE =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private final Devices devices;
    private final Accounts accounts;
    private final OutOfOffice outOfOffice;

    SettingsCommand(Devices devices, Accounts accounts, OutOfOffice outOfOffice) {
        this.devices = devices;
        this.accounts = accounts;
        this.outOfOffice = outOfOffice;
    }

    @Override
    public EasCommand command() {
        return EasCommand.SETTINGS;
    }

    @Override
    public WbxmlElement refused(int status) {
        return status(WbxmlElement.of(S, "Settings"), status);
    }

    @Override
    public WbxmlElement handle(long accountId, DeviceView device, WbxmlElement request) {
        if (request.page() != S || !request.name().equals("Settings")) {
            return refused(Status.PROTOCOL_ERROR.code);
        }
        WbxmlElement response = refused(Status.SUCCESS.code);
        for (WbxmlElement part : request.children()) {
            response.add(
                    switch (part.name()) {
                        case "DeviceInformation" -> deviceInformation(accountId, device, part);
                        case "UserInformation" -> userInformation(accountId, device, part);
                        case "Oof" -> outOfOffice(accountId, part);
                        default -> status(WbxmlElement.of(S, part.name()), Status.PROTOCOL_ERROR.code);
                    });
        }
        return response;
    }

    private WbxmlElement deviceInformation(long accountId, DeviceView device, WbxmlElement part) {
        Optional<WbxmlElement> set = part.child(S, "Set");
        if (set.isEmpty()) {
            return status(WbxmlElement.of(S, "DeviceInformation"), Status.PROTOCOL_ERROR.code);
        }
        devices.recordInformation(accountId, device.deviceId(), DeviceInformationElement.read(set.get()));
        return status(WbxmlElement.of(S, "DeviceInformation"), Status.SUCCESS.code);
    }

    private WbxmlElement userInformation(long accountId, DeviceView device, WbxmlElement part) {
        if (part.child(S, "Get").isEmpty()) {
            return status(WbxmlElement.of(S, "UserInformation"), Status.PROTOCOL_ERROR.code);
        }
        AccountView account = accounts.find(accountId).orElseThrow();
        WbxmlElement get = WbxmlElement.of(S, "Get");
        if (EasCommandHandler.protocolVersion(device).atLeast(EasProtocolVersion.V14_1)) {
            get.add(WbxmlElement.of(S, "Accounts")
                    .add(WbxmlElement.of(S, "Account")
                            .add("UserDisplayName", account.displayName())
                            .add(WbxmlElement.of(S, "EmailAddresses")
                                    .add("SMTPAddress", account.address())
                                    .add("PrimarySmtpAddress", account.address()))));
        } else {
            get.add(WbxmlElement.of(S, "EmailAddresses").add("SMTPAddress", account.address()));
        }
        return status(WbxmlElement.of(S, "UserInformation"), Status.SUCCESS.code)
                .add(get);
    }

    /**
     * Oof Get and Set (MS-ASCMD 2.2.3.119): the state, the schedule, and one OofMessage per audience. Get answers each
     * message in the BodyType asked for (Text or HTML); Set replaces what it names and keeps the audiences it leaves
     * out. A Set that breaks a rule (a schedule without both times, an end before the start, an unknown state or
     * BodyType) gets Status 2 and changes nothing.
     */
    private WbxmlElement outOfOffice(long accountId, WbxmlElement part) {
        Optional<WbxmlElement> get = part.child(S, "Get");
        if (get.isPresent()) {
            boolean html =
                    get.get().text(S, "BodyType").map("HTML"::equalsIgnoreCase).orElse(false);
            OofSettings settings = outOfOffice.settings(accountId);
            WbxmlElement answer = WbxmlElement.of(S, "Get")
                    .add("OofState", Integer.toString(settings.state().code()));
            if (settings.start() != null && settings.end() != null) {
                answer.add("StartTime", DATE.format(settings.start())).add("EndTime", DATE.format(settings.end()));
            }
            answer.add(oofMessage("AppliesToInternal", settings.internal(), html))
                    .add(oofMessage("AppliesToExternalKnown", settings.externalKnown(), html))
                    .add(oofMessage("AppliesToExternalUnknown", settings.externalUnknown(), html));
            return status(WbxmlElement.of(S, "Oof"), Status.SUCCESS.code).add(answer);
        }
        Optional<WbxmlElement> set = part.child(S, "Set");
        if (set.isEmpty()) {
            return status(WbxmlElement.of(S, "Oof"), Status.PROTOCOL_ERROR.code);
        }
        try {
            outOfOffice.set(accountId, read(set.get(), outOfOffice.settings(accountId)));
        } catch (IllegalArgumentException | DateTimeParseException | InvalidOofSettings e) {
            return status(WbxmlElement.of(S, "Oof"), Status.PROTOCOL_ERROR.code);
        }
        return status(WbxmlElement.of(S, "Oof"), Status.SUCCESS.code);
    }

    private static WbxmlElement oofMessage(String audience, OofReply reply, boolean html) {
        WbxmlElement message =
                WbxmlElement.of(S, "OofMessage").addEmpty(audience).add("Enabled", reply.enabled() ? "1" : "0");
        if (!reply.message().isEmpty()) {
            message.add("ReplyMessage", converted(reply, html));
        }
        return message.add("BodyType", html ? "HTML" : "TEXT");
    }

    /** The reply's message in the body type asked for: HTML as text without its markup, text as escaped HTML. */
    private static String converted(OofReply reply, boolean html) {
        if (reply.html() == html) {
            return reply.message();
        }
        if (!html) {
            return new Bodies(null, reply.message()).text();
        }
        String escaped = reply.message()
                .replace("&", "&amp;")
                .replace("<", "&lt;")
                .replace(">", "&gt;")
                .replace("\n", "<br>");
        return "<html><body>" + escaped + "</body></html>";
    }

    /** The settings a Set asks for, starting from the current ones. */
    private static OofSettings read(WbxmlElement set, OofSettings current) {
        OofState state = set.text(S, "OofState")
                .flatMap(WireNumbers::unsigned)
                .flatMap(code -> code > 2 ? Optional.empty() : OofState.ofCode(code.intValue()))
                .orElseThrow(() -> new IllegalArgumentException("OofState"));
        Instant start = set.text(S, "StartTime").map(Instant::parse).orElse(null);
        Instant end = set.text(S, "EndTime").map(Instant::parse).orElse(null);
        OofReply internal = current.internal();
        OofReply known = current.externalKnown();
        OofReply unknown = current.externalUnknown();
        for (WbxmlElement message : set.children(S, "OofMessage")) {
            OofReply reply = reply(message);
            if (message.child(S, "AppliesToInternal").isPresent()) {
                internal = reply;
            } else if (message.child(S, "AppliesToExternalKnown").isPresent()) {
                known = reply;
            } else if (message.child(S, "AppliesToExternalUnknown").isPresent()) {
                unknown = reply;
            } else {
                throw new IllegalArgumentException("OofMessage names no audience");
            }
        }
        return new OofSettings(state, start, end, internal, known, unknown);
    }

    private static OofReply reply(WbxmlElement message) {
        boolean enabled = message.text(S, "Enabled")
                .map(text -> switch (text) {
                    case "1" -> true;
                    case "0" -> false;
                    default -> throw new IllegalArgumentException("Enabled " + text);
                })
                .orElse(false);
        String type = message.text(S, "BodyType").orElse("TEXT");
        if (!type.equalsIgnoreCase("TEXT") && !type.equalsIgnoreCase("HTML")) {
            throw new IllegalArgumentException("BodyType " + type);
        }
        return new OofReply(enabled, message.text(S, "ReplyMessage").orElse(""), type.equalsIgnoreCase("HTML"));
    }

    private static WbxmlElement status(WbxmlElement element, int status) {
        return element.add("Status", Integer.toString(status));
    }
}
