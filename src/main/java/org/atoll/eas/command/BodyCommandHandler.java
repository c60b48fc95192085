package org.atoll.eas.command;

import org.atoll.device.DeviceView;
import org.atoll.eas.request.EasRequest;
import org.atoll.wbxml.WbxmlElement;

/**
 * A command that reads its request body itself instead of as one WBXML document: SendMail, SmartReply and
 * SmartForward, whose protocol 12.1 form carries raw MIME (MS-ASCMD 2.2.1.17.1), and GetAttachment, which has no body
 * at all (MS-ASCMD 2.2.1.7). The front end runs every check it
 * runs for other commands first.
 */
public interface BodyCommandHandler extends EasCommandHandler {

    /** The answer to a request: an empty 200, a WBXML document, or (protocol 12.x) an HTTP status with a message. */
    sealed interface Reply {
        /** Success answered with an empty body (MS-ASCMD 2.2.3.177.14). */
        record Empty() implements Reply {}

        record Wbxml(WbxmlElement document) implements Reply {}

        record Http(int status, String message) implements Reply {}

        /** Raw bytes of a given media type as the HTTP body (GetAttachment, MS-ASCMD 2.2.1.7). */
        record Bytes(String contentType, byte[] content) implements Reply {}
    }

    Reply handle(long accountId, DeviceView device, EasRequest request, byte[] body);

    /** Never called: the front end hands these commands their raw body. */
    @Override
    default WbxmlElement handle(long accountId, DeviceView device, WbxmlElement request) {
        throw new UnsupportedOperationException(command().commandName() + " reads its request body itself");
    }
}
