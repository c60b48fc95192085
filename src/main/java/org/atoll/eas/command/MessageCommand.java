package org.atoll.eas.command;

import org.atoll.device.DeviceView;
import org.atoll.eas.message.EasMessage;
import org.atoll.wbxml.WbxmlElement;

/**
 * A command whose request is one WBXML document: the front end reads it with {@link #message()}, answers a
 * malformed one with the Status the reader names, and writes what {@link #serve} returns.
 */
public non-sealed interface MessageCommand<Q, R> extends EasCommandHandler.Answering {

    EasMessage<Q, R> message();

    /** The command's logic, for a request that was admitted and read. */
    R serve(long accountId, DeviceView device, Q request);

    @Override
    default WbxmlElement refused(int status) {
        return message().refused(status);
    }
}
