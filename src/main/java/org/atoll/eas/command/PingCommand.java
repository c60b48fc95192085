package org.atoll.eas.command;

import java.util.Optional;
import org.atoll.device.DeviceView;
import org.atoll.device.Devices;
import org.atoll.eas.message.MalformedRequest;
import org.atoll.eas.message.PingMessage;
import org.atoll.eas.request.EasCommand;
import org.atoll.push.PingOutcome;
import org.atoll.push.PingRequest;
import org.atoll.push.Pings;
import org.atoll.wbxml.WbxmlElement;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Ping (MS-ASCMD 2.2.1.13): the device names folders and a heartbeat, or nothing to reuse those of its previous
 * Ping ("A Ping command can be sent with no body, in which case the cached version is used"), and the response comes
 * when a folder has changes for it, the hierarchy changed, or the heartbeat ran out.
 */
@Component
class PingCommand implements WaitingCommand {

    private static final PingMessage MESSAGE = PingMessage.INSTANCE;

    private final Pings pings;
    private final Devices devices;

    PingCommand(Pings pings, Devices devices) {
        this.pings = pings;
        this.devices = devices;
    }

    @Override
    public EasCommand command() {
        return EasCommand.PING;
    }

    @Override
    public WbxmlElement refused(int status) {
        return MESSAGE.refused(status);
    }

    @Override
    public EasAnswer answer(long accountId, DeviceView device, @Nullable WbxmlElement request) {
        devices.pinged(accountId, device.id());
        PingRequest ping;
        try {
            ping = request == null ? PingRequest.EMPTY : MESSAGE.read(request);
        } catch (MalformedRequest e) {
            return EasAnswer.now(refused(e.status().code()));
        }
        return EasAnswer.later(
                pings.ping(accountId, device.id(), ping),
                outcome -> Optional.of(MESSAGE.write(outcome)),
                () -> Optional.of(MESSAGE.write(new PingOutcome.Expired())));
    }
}
