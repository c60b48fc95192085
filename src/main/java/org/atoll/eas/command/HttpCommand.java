package org.atoll.eas.command;

import org.atoll.device.DeviceView;
import org.atoll.eas.request.EasRequest;

/**
 * A command that has no WBXML response (GetAttachment, MS-ASCMD 2.2.1.7): everything it needs is on the request line,
 * and the front end answers every refusal with an HTTP status code, whatever the protocol version.
 */
public non-sealed interface HttpCommand extends EasCommandHandler {

    /** The answer: bytes of a media type, or an HTTP status with a message. */
    EasAnswer handle(long accountId, DeviceView device, EasRequest request);
}
