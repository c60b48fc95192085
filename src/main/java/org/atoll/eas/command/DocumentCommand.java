package org.atoll.eas.command;

import org.atoll.device.DeviceView;
import org.atoll.wbxml.WbxmlElement;

/**
 * A command whose request is one WBXML document that it reads and answers itself, without a request record of
 * {@code eas.message}: MoveItems and ItemOperations, which live on the item-sync path.
 */
public non-sealed interface DocumentCommand extends EasCommandHandler.Answering {

    WbxmlElement handle(long accountId, DeviceView device, WbxmlElement request);
}
