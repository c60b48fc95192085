package org.atoll.eas.command;

import org.atoll.device.DeviceView;
import org.atoll.wbxml.WbxmlElement;
import org.jspecify.annotations.Nullable;

/**
 * A command whose answer may wait for a change (Ping, hanging Sync), and whose request may come without a body
 * (MS-ASCMD 2.2.1.13: the cached Ping is used; 2.2.1.21: an empty Sync repeats the previous one).
 */
public non-sealed interface WaitingCommand extends EasCommandHandler.Answering {

    /** Serves the request, {@code null} for a request without a body. */
    EasAnswer answer(long accountId, DeviceView device, @Nullable WbxmlElement request);
}
