package org.atoll.device;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.UUID;
import org.atoll.mailbox.Mailboxes;
import org.atoll.mailbox.SystemFolder;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Tells the user, in their Inbox, that a device of theirs was quarantined and waits for an administrator, as
 * Exchange does. The notice is delivered in the transaction that quarantined the device, through the mailbox
 * service, so every other device of the user receives it.
 */
@Component
class QuarantineNotice {

    private final Devices devices;
    private final Mailboxes mailboxes;
    private final Clock clock;

    QuarantineNotice(Devices devices, Mailboxes mailboxes, Clock clock) {
        this.devices = devices;
        this.mailboxes = mailboxes;
        this.clock = clock;
    }

    @EventListener
    void onAccessChanged(DeviceAccessChanged event) {
        if (event.state() != AccessState.QUARANTINED) {
            return;
        }
        DeviceDetail device = devices.detail(event.devicePk());
        long inbox =
                mailboxes.systemFolder(event.accountId(), SystemFolder.INBOX).id();
        mailboxes.deliver(event.accountId(), inbox, message(device, event.reason()), null);
    }

    private byte[] message(DeviceDetail device, String reason) {
        String address = device.accountAddress();
        String domain = address.substring(address.indexOf('@') + 1);
        String model = device.information().model() == null
                ? ""
                : "Model: " + device.information().model() + "\r\n";
        String text = "From: Atoll <postmaster@" + domain + ">\r\n"
                + "To: <" + address + ">\r\n"
                + "Subject: Your device is quarantined\r\n"
                + "Date: "
                + DateTimeFormatter.RFC_1123_DATE_TIME.format(clock.instant().atOffset(ZoneOffset.UTC))
                + "\r\n"
                + "Message-ID: <quarantine-" + UUID.randomUUID() + "@" + domain + ">\r\n"
                + "MIME-Version: 1.0\r\n"
                + "Content-Type: text/plain; charset=utf-8\r\n"
                + "Content-Transfer-Encoding: 8bit\r\n"
                + "\r\n"
                + "A device you added to this account is quarantined: it can connect, but it receives no mail,\r\n"
                + "calendar or contacts until an administrator releases it.\r\n"
                + "\r\n"
                + "Device type: " + device.deviceType() + "\r\n"
                + model
                + "Device ID: " + device.deviceId() + "\r\n"
                + "Reason: " + reason + "\r\n"
                + "\r\n"
                + "Ask your administrator to release it if it is yours.\r\n";
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
