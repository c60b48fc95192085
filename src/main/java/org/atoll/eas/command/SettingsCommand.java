package org.atoll.eas.command;

import java.util.Optional;
import org.atoll.account.AccountView;
import org.atoll.account.Accounts;
import org.atoll.device.DeviceView;
import org.atoll.device.Devices;
import org.atoll.eas.request.EasCommand;
import org.atoll.eas.request.EasProtocolVersion;
import org.atoll.wbxml.CodePage;
import org.atoll.wbxml.WbxmlElement;
import org.springframework.stereotype.Component;

/**
 * Settings (MS-ASCMD 2.2.1.18): the device reports itself (DeviceInformation Set) and asks for the user's addresses
 * (UserInformation Get). Out of Office is not offered: Get answers that it is off, Set is refused.
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

    private final Devices devices;
    private final Accounts accounts;

    SettingsCommand(Devices devices, Accounts accounts) {
        this.devices = devices;
        this.accounts = accounts;
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
                        case "Oof" -> outOfOffice(part);
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

    private static WbxmlElement outOfOffice(WbxmlElement part) {
        if (part.child(S, "Get").isPresent()) {
            return status(WbxmlElement.of(S, "Oof"), Status.SUCCESS.code)
                    .add(WbxmlElement.of(S, "Get").add("OofState", "0"));
        }
        return status(WbxmlElement.of(S, "Oof"), Status.ACCESS_DENIED.code);
    }

    private static WbxmlElement status(WbxmlElement element, int status) {
        return element.add("Status", Integer.toString(status));
    }
}
