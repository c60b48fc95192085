package org.atoll.eas.command;

import org.atoll.device.DeviceView;
import org.atoll.eas.request.EasRequest;

/**
 * A command that reads its request body itself instead of as one WBXML document: SendMail, SmartReply and
 * SmartForward, whose protocol 12.1 form carries raw MIME (MS-ASCMD 2.2.1.17.1). The front end runs every check it
 * runs for other commands first.
 */
public non-sealed interface BodyCommand extends EasCommandHandler.Answering {

    /** The answer: an empty 200, a WBXML document, or (protocol 12.x) an HTTP status with a message. */
    EasAnswer handle(long accountId, DeviceView device, EasRequest request, byte[] body);
}
