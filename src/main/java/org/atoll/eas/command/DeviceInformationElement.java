package org.atoll.eas.command;

import org.atoll.device.DeviceInformation;
import org.atoll.wbxml.CodePage;
import org.atoll.wbxml.WbxmlElement;

/** Reads a Settings DeviceInformation/Set element, as sent in Settings and in Provision (14.1). */
final class DeviceInformationElement {

    private static final CodePage S = CodePage.SETTINGS;

    private DeviceInformationElement() {}

    static DeviceInformation read(WbxmlElement set) {
        return new DeviceInformation(
                set.text(S, "Model").orElse(null),
                set.text(S, "IMEI").orElse(null),
                set.text(S, "FriendlyName").orElse(null),
                set.text(S, "OS").orElse(null),
                set.text(S, "OSLanguage").orElse(null),
                set.text(S, "PhoneNumber").orElse(null),
                set.text(S, "MobileOperator").orElse(null));
    }
}
