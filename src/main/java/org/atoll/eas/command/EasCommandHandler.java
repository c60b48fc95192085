package org.atoll.eas.command;

import org.atoll.device.DeviceView;
import org.atoll.eas.request.EasCommand;
import org.atoll.eas.request.EasProtocolVersion;
import org.atoll.wbxml.WbxmlElement;

/**
 * One ActiveSync command. A handler is of exactly one kind, by what its request carries, and implements only what
 * that kind serves; the front end runs every admission check before it calls one:
 *
 * <ul>
 *   <li>{@link MessageCommand}: one WBXML document, read into the command's request record and answered with its
 *       response record ({@code eas.message});
 *   <li>{@link WaitingCommand}: a WBXML document or no body at all, answered now or when a change comes (Ping,
 *       Sync);
 *   <li>{@link BodyCommand}: the raw body, WBXML or MIME by protocol version (SendMail, SmartReply, SmartForward);
 *   <li>{@link HttpCommand}: the request line alone, answered in HTTP only (GetAttachment).
 * </ul>
 */
public sealed interface EasCommandHandler permits EasCommandHandler.Answering, HttpCommand {

    EasCommand command();

    /** The protocol version of the request being served, which the device registry recorded from its request line. */
    static EasProtocolVersion protocolVersion(DeviceView device) {
        return EasProtocolVersion.of(device.protocolVersion());
    }

    /**
     * Whether the command exists at this protocol version; a request at a version it does not is answered as a
     * command this server does not serve (Find is 16.1 only, MS-ASCMD 2.2.1.2).
     */
    default boolean servedAt(EasProtocolVersion version) {
        return true;
    }

    /** Whether the command runs only for a device holding the current policy key (all but Provision). */
    default boolean needsPolicy() {
        return true;
    }

    /** A command that answers with a WBXML document, so that from protocol 14.0 a refusal is its own Status. */
    sealed interface Answering extends EasCommandHandler permits MessageCommand, WaitingCommand, BodyCommand {

        /** The command's response carrying only a Status, for a request refused before the command ran. */
        WbxmlElement refused(int status);
    }
}
