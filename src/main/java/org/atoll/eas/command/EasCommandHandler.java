package org.atoll.eas.command;

import org.atoll.device.DeviceView;
import org.atoll.eas.request.EasCommand;
import org.atoll.eas.request.EasProtocolVersion;
import org.atoll.wbxml.WbxmlElement;
import org.jspecify.annotations.Nullable;

/** One ActiveSync command: from the decoded request to the response, both WBXML documents. */
public interface EasCommandHandler {

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

    /**
     * Whether the command answers with a WBXML document at all; one that does not (GetAttachment) gets every refusal
     * as an HTTP status code, whatever the protocol version.
     */
    default boolean answersInWbxml() {
        return true;
    }

    /** The command's response carrying only a Status, for a request refused before the command ran. */
    WbxmlElement refused(int status);

    /** Serves a request with a body; a handler that overrides {@link #answer} need not. */
    default WbxmlElement handle(long accountId, DeviceView device, WbxmlElement request) {
        throw new UnsupportedOperationException(command().commandName() + " answers through answer()");
    }

    /** Whether a request without a body is one of this command's (an empty Sync repeats the previous one). */
    default boolean acceptsEmptyBody() {
        return false;
    }

    /** Serves a request without a body; called only when {@link #acceptsEmptyBody()}. */
    default WbxmlElement handleEmpty(long accountId, DeviceView device) {
        throw new UnsupportedOperationException(command().commandName() + " needs a request body");
    }

    /**
     * Serves a request whose answer may wait for a change (Ping, hanging Sync); the default answers at once with
     * {@link #handle}, or {@link #handleEmpty} for a request without a body.
     */
    default EasAnswer answer(long accountId, DeviceView device, @Nullable WbxmlElement request) {
        return EasAnswer.now(request == null ? handleEmpty(accountId, device) : handle(accountId, device, request));
    }
}
