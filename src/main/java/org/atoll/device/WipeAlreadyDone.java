package org.atoll.device;

/** The device acknowledged its wipe already, or none was requested: there is nothing to cancel. */
public final class WipeAlreadyDone extends DeviceException {

    public WipeAlreadyDone(WipeState state) {
        super("No wipe to cancel: the wipe state is " + state);
    }
}
