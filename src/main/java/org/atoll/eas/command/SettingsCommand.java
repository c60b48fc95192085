package org.atoll.eas.command;

import java.util.List;
import org.atoll.account.AccountView;
import org.atoll.account.Accounts;
import org.atoll.device.DeviceView;
import org.atoll.device.Devices;
import org.atoll.eas.message.SettingsMessage;
import org.atoll.eas.message.SettingsMessage.Answer;
import org.atoll.eas.message.SettingsMessage.OofMessage;
import org.atoll.eas.message.SettingsMessage.OofSet;
import org.atoll.eas.message.SettingsMessage.PartStatus;
import org.atoll.eas.message.SettingsMessage.Request;
import org.atoll.eas.message.SettingsMessage.Response;
import org.atoll.eas.message.SettingsMessage.Status;
import org.atoll.eas.request.EasCommand;
import org.atoll.eas.request.EasProtocolVersion;
import org.atoll.mail.InvalidOofSettings;
import org.atoll.mail.OofReply;
import org.atoll.mail.OofSettings;
import org.atoll.mail.OutOfOffice;
import org.atoll.mime.Bodies;
import org.springframework.stereotype.Component;

/**
 * Settings (MS-ASCMD 2.2.1.18): the device reports itself (DeviceInformation Set), asks for the user's addresses
 * (UserInformation Get), and reads and sets Out of Office (Oof Get and Set, {@link OutOfOffice}).
 */
@Component
class SettingsCommand implements MessageCommand<Request, Response> {

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
    public SettingsMessage message() {
        return SettingsMessage.INSTANCE;
    }

    @Override
    public Response serve(long accountId, DeviceView device, Request request) {
        return new Response(request.parts().stream()
                .map(part -> switch (part) {
                    case SettingsMessage.DeviceInformationPart(var set) -> {
                        if (set == null) {
                            yield new PartStatus("DeviceInformation", Status.PROTOCOL_ERROR);
                        }
                        devices.recordInformation(accountId, device.deviceId(), set);
                        yield new PartStatus("DeviceInformation", Status.SUCCESS);
                    }
                    case SettingsMessage.UserInformationPart(boolean get) ->
                        get
                                ? userInformation(accountId, device)
                                : new PartStatus("UserInformation", Status.PROTOCOL_ERROR);
                    case SettingsMessage.OofGet(boolean html) -> outOfOffice(accountId, html);
                    case OofSet set -> setOutOfOffice(accountId, set);
                    case SettingsMessage.Invalid(String name) -> new PartStatus(name, Status.PROTOCOL_ERROR);
                })
                .toList());
    }

    private Answer userInformation(long accountId, DeviceView device) {
        AccountView account = accounts.find(accountId).orElseThrow();
        return new SettingsMessage.UserInformation(
                account.displayName(),
                account.address(),
                EasCommandHandler.protocolVersion(device).atLeast(EasProtocolVersion.V14_1));
    }

    /**
     * Oof Get (MS-ASCMD 2.2.3.119): the state, the schedule, and one OofMessage per audience, each in the BodyType
     * asked for (Text or HTML).
     */
    private Answer outOfOffice(long accountId, boolean html) {
        OofSettings settings = outOfOffice.settings(accountId);
        return new SettingsMessage.OofSettingsAnswer(
                settings.state(),
                settings.start(),
                settings.end(),
                List.of(
                        oofMessage("AppliesToInternal", settings.internal(), html),
                        oofMessage("AppliesToExternalKnown", settings.externalKnown(), html),
                        oofMessage("AppliesToExternalUnknown", settings.externalUnknown(), html)));
    }

    /**
     * Oof Set: replaces what it names and keeps the audiences it leaves out. A Set that breaks a rule (a schedule
     * without both times, an end before the start) gets Status 2 and changes nothing.
     */
    private Answer setOutOfOffice(long accountId, OofSet set) {
        OofSettings current = outOfOffice.settings(accountId);
        try {
            outOfOffice.set(
                    accountId,
                    new OofSettings(
                            set.state(),
                            set.start(),
                            set.end(),
                            set.internal() == null ? current.internal() : set.internal(),
                            set.externalKnown() == null ? current.externalKnown() : set.externalKnown(),
                            set.externalUnknown() == null ? current.externalUnknown() : set.externalUnknown()));
        } catch (IllegalArgumentException | InvalidOofSettings e) {
            return new PartStatus("Oof", Status.PROTOCOL_ERROR);
        }
        return new PartStatus("Oof", Status.SUCCESS);
    }

    private static OofMessage oofMessage(String audience, OofReply reply, boolean html) {
        return new OofMessage(
                audience, reply.enabled(), reply.message().isEmpty() ? null : converted(reply, html), html);
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
}
