package org.atoll.eas.command;

import org.atoll.device.DeviceView;
import org.atoll.eas.request.EasCommand;
import org.atoll.wbxml.WbxmlElement;

/** One ActiveSync command: from the decoded request to the response, both WBXML documents. */
public interface EasCommandHandler {

    EasCommand command();

    /** Whether the command runs only for a device holding the current policy key (all but Provision). */
    default boolean needsPolicy() {
        return true;
    }

    /** The command's response carrying only a Status, for a request refused before the command ran. */
    WbxmlElement refused(int status);

    WbxmlElement handle(long accountId, DeviceView device, WbxmlElement request);

    /** Whether a request without a body is one of this command's (an empty Sync repeats the previous one). */
    default boolean acceptsEmptyBody() {
        return false;
    }

    /** Serves a request without a body; called only when {@link #acceptsEmptyBody()}. */
    default WbxmlElement handleEmpty(long accountId, DeviceView device) {
        throw new UnsupportedOperationException(command().commandName() + " needs a request body");
    }
}
